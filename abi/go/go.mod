module ledge.dev/abi

go 1.23
