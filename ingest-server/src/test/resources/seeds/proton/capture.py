import socket, sys, threading
port=int(sys.argv[1]); out=sys.argv[2]
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR,1); s.bind(('127.0.0.1',port)); s.listen(1)
c,_=s.accept(); c.settimeout(1.5); data=b''
try:
    while True:
        d=c.recv(65536)
        if not d: break
        data+=d
except Exception: pass
c.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}'); c.close()
open(out,'wb').write(data)
