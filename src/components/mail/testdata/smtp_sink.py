"""An SMTP server for the tests of ensemble_mail: Debian's aiosmtpd on 127.0.0.1, on a port the
system picks, printed on the first line of stdout. Each message it accepts is written to
DIR/NNNN.json (envelope sender, recipients, the data as base64, whether TLS and AUTH were used)
before the server answers 250, so a test reads it as soon as Send returns. Each AUTH attempt
appends its mechanism to DIR/auth.log.

Recipients decide what the server answers: refused@... gets 550 at RCPT, busy@... gets 451 at
RCPT, a message for defer@... gets 451 at the end of DATA, and the first message for
deferonce@... too (the next ones are accepted: a queue's retry).

Modes: plain; auth (AUTH PLAIN and LOGIN required, user "ensemble", password "secret", allowed
without TLS); auth-login (the same, LOGIN only); helo-only (EHLO answered 502); starttls and
tls (--cert/--key, STARTTLS required, or TLS from the first byte); greet421 (a greeting of 421,
then the connection is closed).

Run with /usr/bin/python3, whose modules are Debian's.
"""

import argparse
import asyncio
import base64
import json
import logging
import os
import ssl
import warnings

from aiosmtpd.smtp import SMTP, AuthResult


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.deferred_once = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local == "refused":
            return "550 5.1.1 no such user here"
        if local == "busy":
            return "451 4.3.0 mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(r.split("@")[0] == "defer" for r in envelope.rcpt_tos):
            return "451 4.3.0 queue full, try again later"
        if any(r.split("@")[0] == "deferonce" for r in envelope.rcpt_tos) and not self.deferred_once:
            self.deferred_once = True
            return "451 4.3.0 queue full, try again later"
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data_base64": base64.b64encode(envelope.original_content).decode("ascii"),
            # session.ssl is set by STARTTLS only; a TLS listener shows in the transport.
            "tls": session.ssl is not None
            or server.transport.get_extra_info("ssl_object") is not None,
            "authenticated": bool(session.authenticated),
        }
        path = os.path.join(self.directory, "%04d.json" % self.count)
        with open(path + ".tmp", "w") as out:
            json.dump(record, out)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 OK queued"


class HeloOnly(SMTP):
    async def smtp_EHLO(self, arg):
        await self.push("502 5.5.1 EHLO not implemented")


def authenticator(directory):
    def check(server, session, envelope, mechanism, auth_data):
        with open(os.path.join(directory, "auth.log"), "a") as log:
            log.write(mechanism + "\n")
        ok = auth_data.login == b"ensemble" and auth_data.password == b"secret"
        # handled=False: aiosmtpd answers the failure (535) itself.
        return AuthResult(success=ok, handled=False)

    return check


async def greet_421(reader, writer):
    writer.write(b"421 4.3.2 service not available, closing channel\r\n")
    await writer.drain()
    writer.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--mode", default="plain")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()
    # The tests check what the client makes of each refusal; the server's own account of it
    # (warnings about AUTH without TLS, tracebacks of refused handshakes) is noise there.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    handler = Sink(args.dir)
    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    common = {"hostname": "sink.test", "loop": loop}
    if args.mode == "plain":
        factory = lambda: SMTP(handler, **common)
    elif args.mode in ("auth", "auth-login"):
        exclude = ["PLAIN"] if args.mode == "auth-login" else []
        factory = lambda: SMTP(handler, auth_required=True, auth_require_tls=False,
                               auth_exclude_mechanism=exclude,
                               authenticator=authenticator(args.dir), **common)
    elif args.mode == "helo-only":
        factory = lambda: HeloOnly(handler, **common)
    elif args.mode == "starttls":
        factory = lambda: SMTP(handler, tls_context=context, require_starttls=True, **common)
    elif args.mode == "tls":
        factory = lambda: SMTP(handler, **common)
    elif args.mode == "greet421":
        factory = None
    else:
        raise SystemExit("unknown mode " + args.mode)

    if factory is None:
        server = loop.run_until_complete(asyncio.start_server(greet_421, "127.0.0.1", 0))
    else:
        tls = context if args.mode == "tls" else None
        server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", 0, ssl=tls))
    print(server.sockets[0].getsockname()[1], flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
