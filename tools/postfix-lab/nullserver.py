#!/usr/bin/env python3
"""RFC 7504 null server for the Rejectscope Postfix lab.

Listens on a loopback address and answers every connection with
"521 5.3.2 <host> does not accept mail", then answers QUIT with 221 (any other
command with 521 again) and closes. Loopback only: refuses a non-127.x address.
Its own activity log goes to stderr, never into the Postfix sample.
"""
import argparse
import asyncio
import ipaddress
import sys
import time


def log(msg):
    print(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "nullserver:", msg,
          file=sys.stderr, flush=True)


async def handle(reader, writer, host, enhanced):
    reply = f"521 {enhanced + ' ' if enhanced else ''}{host} does not accept mail\r\n".encode()
    peer = writer.get_extra_info("peername")
    log(f"connection from {peer}")
    try:
        writer.write(reply)
        await writer.drain()
        # Postfix (smtp_skip_5xx_greeting = yes) sends QUIT and closes.
        for _ in range(5):
            line = await asyncio.wait_for(reader.readline(), timeout=10)
            if not line:
                break
            if line.strip().upper().startswith(b"QUIT"):
                writer.write(b"221 2.0.0 Bye\r\n")
                await writer.drain()
                break
            writer.write(reply)
            await writer.drain()
    except (asyncio.TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=2527)
    ap.add_argument("--host", default="null.lab.test", help="name in the 521 reply")
    ap.add_argument("--enhanced", default="5.3.2",
                    help='enhanced status code after 521 ("" for none)')
    a = ap.parse_args()
    if not ipaddress.ip_address(a.listen).is_loopback:
        sys.exit("nullserver: refusing a non-loopback listen address")
    server = await asyncio.start_server(lambda r, w: handle(r, w, a.host, a.enhanced), a.listen, a.port)
    log(f"listening on {a.listen}:{a.port}")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
