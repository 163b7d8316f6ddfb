module ledge.dev/samples/mtls_proxy

go 1.23

require ledge.dev/abi v0.0.0

replace ledge.dev/abi => ../../../abi/go
