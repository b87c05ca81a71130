# Hostile: tries to reach the network (the sandbox has none).
# base: stub
# status: graded
# flags: opens network sockets (socket)
import socket

try:
    socket.create_connection(("127.0.0.1", 9), timeout=1).close()
except OSError as exc:
    print("no network:", type(exc).__name__)
