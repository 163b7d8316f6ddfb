module ledge.dev/samples/websocket

go 1.23

require ledge.dev/abi v0.0.0

replace ledge.dev/abi => ../../../abi/go
