#!/usr/bin/env python3
"""Mail injector for the Rejectscope Postfix lab (Python 3 standard library only).

Submits one message every MIN..MAX seconds over SMTP to the lab's SENDER instance
(default 127.0.0.1:2526) for DURATION seconds, from several envelope senders, to
existing and unknown recipients of one domain. A share of the messages has two
recipients (one existing, one unknown), so that the receiver logs rejects with a
queue id instead of NOQUEUE. One tab-separated line per message goes to --log:
utc, epoch, sender, recipients, result.
Loopback only: refuses a non-127.x server address. Never resolves a name.
"""
import argparse
import ipaddress
import random
import smtplib
import sys
import time
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

SENDERS = ["alice@shop.lab.test", "bob@shop.lab.test", "news@news.lab.test",
           "noreply@crm.lab.test", "billing@crm.lab.test"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=2526)
    ap.add_argument("--domain", required=True)
    ap.add_argument("--known", default="anna,bert,carl,dora,emil")
    ap.add_argument("--unknown", default="")
    ap.add_argument("--unknown-share", type=float, default=0.35)
    ap.add_argument("--multi-share", type=float, default=0.15)
    ap.add_argument("--duration", type=float, required=True)
    ap.add_argument("--min", type=float, default=4.0)
    ap.add_argument("--max", type=float, default=8.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--helo", default="client.lab.test")
    ap.add_argument("--tag", default="lab")
    ap.add_argument("--log", default="-")
    a = ap.parse_args()
    if not ipaddress.ip_address(a.server).is_loopback:
        sys.exit("inject: refusing a non-loopback server address")
    rnd = random.Random(a.seed)
    known = [k for k in a.known.split(",") if k]
    unknown = [u for u in a.unknown.split(",") if u] or \
        [f"{w}{n}" for w in ("ghost", "olduser", "typo", "former") for n in range(1, 9)]
    out = sys.stdout if a.log == "-" else open(a.log, "a", buffering=1)
    end = time.time() + a.duration
    n = 0
    while time.time() < end:
        n += 1
        sender = rnd.choice(SENDERS)
        if rnd.random() < a.multi_share:
            rcpts = [rnd.choice(known), rnd.choice(unknown)]
        elif rnd.random() < a.unknown_share:
            rcpts = [rnd.choice(unknown)]
        else:
            rcpts = [rnd.choice(known)]
        rcpts = [f"{r}@{a.domain}" for r in rcpts]
        msg = EmailMessage()
        msg["From"] = sender
        msg["To"] = ", ".join(rcpts)
        msg["Subject"] = f"Rejectscope lab {a.tag} #{n}"
        msg["Date"] = formatdate(localtime=False)
        msg["Message-ID"] = make_msgid(idstring=f"{a.tag}{n}", domain="client.lab.test")
        msg.set_content(f"Lab message {n} ({a.tag}) from {sender} to {', '.join(rcpts)}.\n")
        now = time.time()
        try:
            with smtplib.SMTP(a.server, a.port, local_hostname=a.helo, timeout=30) as s:
                refused = s.send_message(msg, from_addr=sender, to_addrs=rcpts)
                result = "ok" if not refused else f"refused:{refused}"
        except (smtplib.SMTPException, OSError) as e:
            result = f"error:{e!r}"
        print(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)), f"{now:.3f}",
              sender, ",".join(rcpts), result, sep="\t", file=out)
        remaining = end - time.time()
        if remaining <= 0:
            break
        time.sleep(min(remaining, rnd.uniform(a.min, a.max)))


if __name__ == "__main__":
    main()
