"""Reads an RFC 5322 message (the file named on the command line) with Python's email package,
policy=email.policy.default, and prints what a mail client would show as JSON: the decoded
headers, the addresses with their display names, each leaf part (type, filename, charset,
transfer encoding, decoded content as text or base64) and every defect the parser noted.

Run with /usr/bin/python3.
"""

import base64
import email
import email.policy
import json
import sys


def addresses(header):
    if header is None:
        return []
    return [{"name": a.display_name, "address": a.addr_spec} for a in header.addresses]


def main():
    with open(sys.argv[1], "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    defects = [type(d).__name__ for d in message.defects]
    for name in message.keys():
        defects += ["%s: %s" % (name, type(d).__name__) for d in message[name].defects]
    parts = []
    for part in message.walk():
        defects += [type(d).__name__ for d in part.defects]
        if part.is_multipart():
            parts.append({"content_type": part.get_content_type(), "multipart": True})
            continue
        payload = part.get_payload(decode=True)
        entry = {
            "content_type": part.get_content_type(),
            "multipart": False,
            "filename": part.get_filename(),
            "charset": part.get_content_charset(),
            "method": part.get_param("method"),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "disposition": part.get_content_disposition(),
            "bytes_base64": base64.b64encode(payload).decode("ascii"),
        }
        if part.get_content_maintype() == "text":
            entry["text"] = part.get_content()
        parts.append(entry)
    out = {
        "subject": message["subject"],
        "date": message["date"],
        "date_iso": message["date"].datetime.isoformat() if message["date"] else None,
        "message_id": message["message-id"],
        "mime_version": message["mime-version"],
        "from": addresses(message["from"]),
        "to": addresses(message["to"]),
        "cc": addresses(message["cc"]),
        "reply_to": addresses(message["reply-to"]),
        "bcc": message["bcc"],
        "headers": list(message.keys()),
        "parts": parts,
        "defects": defects,
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
