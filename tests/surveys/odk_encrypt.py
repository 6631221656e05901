#!/usr/bin/python3
"""An ODK client's encryption of a submission, written from the ODK XForms specification
(https://getodk.github.io/xforms-spec/encryption) with python3-cryptography, to test the
server's decryption against an implementation that is not its own.

  odk_encrypt.py --xform FORM.xml | --public-key B64 --form-id ID [--version V]
                 --instance-id uuid:... --submission PLAIN.xml [--media NAME=PATH ...]
                 [--oaep sha256-sha1|sha256-sha256|sha1-sha1] --out DIR

Writes DIR/submission.xml (the manifest ODK Collect posts as xml_submission_file) and the
encrypted files (DIR/NAME.enc for each media file, then DIR/submission.xml.enc).
"""
import argparse
import base64
import hashlib
import os
import xml.etree.ElementTree as ET

from cryptography.hazmat.primitives import hashes, padding as symmetric_padding, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

XFORMS = "http://www.w3.org/2002/xforms"
ENCRYPTED = "http://www.opendatakit.org/xforms/encrypted"
OPENROSA = "http://openrosa.org/xforms"


def form_of(xform_path):
    """The public key, form id and version an XForm gives its clients."""
    root = ET.parse(xform_path).getroot()
    submission = root.find(f".//{{{XFORMS}}}submission")
    instance = root.find(f".//{{{XFORMS}}}model/{{{XFORMS}}}instance")
    data = list(instance)[0]
    return submission.get("base64RsaPublicKey"), data.get("id"), data.get("version") or ""


def oaep(name):
    digest, mgf1 = {"sha256-sha1": (hashes.SHA256(), hashes.SHA1()),
                    "sha256-sha256": (hashes.SHA256(), hashes.SHA256()),
                    "sha1-sha1": (hashes.SHA1(), hashes.SHA1())}[name]
    return padding.OAEP(mgf=padding.MGF1(mgf1), algorithm=digest, label=None)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--xform")
    parser.add_argument("--public-key")
    parser.add_argument("--form-id")
    parser.add_argument("--version", default="")
    parser.add_argument("--instance-id", required=True)
    parser.add_argument("--submission", required=True)
    parser.add_argument("--media", action="append", default=[])
    parser.add_argument("--oaep", default="sha256-sha1")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.xform:
        public_key, form_id, version = form_of(args.xform)
    else:
        public_key, form_id, version = args.public_key, args.form_id, args.version

    rsa = serialization.load_der_public_key(base64.b64decode(public_key))
    pad = oaep(args.oaep)
    key = os.urandom(32)
    wrapped = base64.b64encode(rsa.encrypt(key, pad)).decode()
    # The IVs: the MD5 of the instanceID and the key, one byte raised before each file.
    seed = bytearray(hashlib.md5(args.instance_id.encode("utf-8") + key).digest())
    counter = [0]

    def encrypt(data):
        seed[counter[0] % 16] = (seed[counter[0] % 16] + 1) & 0xFF
        counter[0] += 1
        padder = symmetric_padding.PKCS7(128).padder()
        padded = padder.update(data) + padder.finalize()
        encryptor = Cipher(algorithms.AES(key), modes.CFB(bytes(seed))).encryptor()
        return encryptor.update(padded) + encryptor.finalize()

    lines = [form_id] + ([version] if version else []) + [wrapped, args.instance_id]
    media_names = []
    for spec in args.media:
        name, path = spec.split("=", 1)
        data = open(path, "rb").read()
        lines.append(f"{name}::{hashlib.md5(data).hexdigest()}")
        open(os.path.join(args.out, name + ".enc"), "wb").write(encrypt(data))
        media_names.append(name + ".enc")
    plain = open(args.submission, "rb").read()
    lines.append(f"submission.xml::{hashlib.md5(plain).hexdigest()}")
    open(os.path.join(args.out, "submission.xml.enc"), "wb").write(encrypt(plain))
    signed = ("\n".join(lines) + "\n").encode("utf-8")
    signature = base64.b64encode(rsa.encrypt(hashlib.md5(signed).digest(), pad)).decode()

    ET.register_namespace("", ENCRYPTED)
    ET.register_namespace("orx", OPENROSA)
    manifest = ET.Element(f"{{{ENCRYPTED}}}data", {"id": form_id, "encrypted": "yes"})
    if version:
        manifest.set("version", version)
    ET.SubElement(manifest, f"{{{ENCRYPTED}}}base64EncryptedKey").text = wrapped
    meta = ET.SubElement(manifest, f"{{{OPENROSA}}}meta")
    ET.SubElement(meta, f"{{{OPENROSA}}}instanceID").text = args.instance_id
    for name in media_names:
        media = ET.SubElement(manifest, f"{{{ENCRYPTED}}}media")
        ET.SubElement(media, f"{{{ENCRYPTED}}}file").text = name
    ET.SubElement(manifest, f"{{{ENCRYPTED}}}encryptedXmlFile").text = "submission.xml.enc"
    ET.SubElement(manifest, f"{{{ENCRYPTED}}}base64EncryptedElementSignature").text = signature
    ET.ElementTree(manifest).write(os.path.join(args.out, "submission.xml"), encoding="utf-8",
                                   xml_declaration=True)


if __name__ == "__main__":
    main()
