#!/usr/bin/python3
"""Independent reader of Témoin files, written from Docs/FORMAT.md alone.

Usage:
  temoin_reader.py verify BUNDLE...
  temoin_reader.py decrypt --key team.key --passphrase-file FILE [--out FILE] [--files DIR] BUNDLE...
  temoin_reader.py fingerprint FILE          (a team.pub or a secret key file)

A bundle is read once, as a stream: its header, then (one seek) the manifest and signature at
the end of the file, which are checked first, then the records, one envelope in memory at a
time, each checked against the signed manifest as it is read. `verify` refuses a bundle whole
when any check fails. `decrypt` refuses a bundle whole when its header, manifest or signature
fails; otherwise it outputs every record whose id and hash match the manifest as soon as it is
read, and reports the others on standard error, one line each naming the record and its status
(`BUNDLE: record ID: corrupt (why)` or `other_key`), as temoin does. Records are deduplicated by content,
never across desks: a record id listed by one desk with one envelope hash is output once, as
`ok`; an id that comes with two contents or from two desks is a `conflict`, every distinct copy
output under that status. A record whose payload names another desk than the bundle's signer is
output as `desk_mismatch`. This reader knows no team inbox: `desk_trust` is always `unknown`.

Bundles of version 3 carry evidence files (file streams) after their records; version 2 bundles
(records only) are read too. `verify` checks every file stream against the signed file list.
`decrypt --files DIR` also decrypts the files of the testimonies output into DIR, each under a safe
name, checking its SHA-256 against the one the desk took, and reports each on standard error.

Answers are output as the payload holds them, never normalised: a `time` answer may be exact
("18:30"), approximate ("~18:30") or a part of the day ("late-afternoon"); see Docs/FORMAT.md.

Exit status: 0 all good; 1 unusable key file or output file; 2 usage; 3 wrong passphrase;
5 a bundle was refused, a record could not be output (the others are still output), or a record
was output flagged (conflict, desk_mismatch).
Needs PyNaCl (Debian: python3-nacl); hashing uses the standard library's BLAKE2b,
which is the same function as libsodium's unkeyed crypto_generichash, and its SHA-256.
"""
import argparse
import contextlib
import hashlib
import json
import os
import re
import stat
import sys
import unicodedata

import nacl.bindings as sodium
import nacl.exceptions
import nacl.signing

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CAPTURE_KEYS = ("latitude", "longitude", "make", "model", "time")   # a file's optional "capture"
BUNDLE_VERSIONS = (2, 3)                    # 3 is written; 2 (no files) is still read
MAX_RECORDS = MAX_FILES = 10_000_000
MANIFEST_ENTRY = 16 + 32                    # record id, BLAKE2b-32(envelope)
FILE_ENTRY = 16 + 8 + 32                    # file id, stream length, SHA-256(stream)
CHUNK = 65536                               # plaintext bytes per file stream chunk
STREAM_ABYTES = 17                          # crypto_secretstream_xchacha20poly1305_ABYTES
STREAM_HEADER = 4 + 1 + 16 + 24             # TMNF, version, file id, secretstream header
MAX_FILE_SIZE = 1 << 40
HEX = re.compile(r"[0-9a-f]*")
SIGNATURE = 64
MAX_OPSLIMIT, MAX_MEMLIMIT = 64, 4 << 30
MIN_CIPHERTEXT, MAX_CIPHERTEXT = 4096 + 16, 16 << 20
SEALED_KEY = 32 + 48                        # SEAL(pk, 32-byte content key)
RECIPIENT = 8 + SEALED_KEY
MAX_ENVELOPE = 4 + 1 + 16 + 1 + 255 * RECIPIENT + 24 + 4 + MAX_CIPHERTEXT
MAX_DEPTH = 64
SEALED_AT = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z")


class FormatError(Exception):
    """A file that does not follow the format (or was altered)."""


class WrongPassphrase(FormatError):
    """A secret key file that does not open with the passphrase given (exit status 3, as temoin)."""


def blake2b(data, size):
    """BLAKE2b-n of the spec: unkeyed, n bytes of output (not a truncation)."""
    return hashlib.blake2b(data, digest_size=size).digest()


def symbols(data, count):
    """Read `count` symbols of 5 bits, most-significant bit first, from `data`."""
    bits = count * 5
    value = int.from_bytes(data[:(bits + 7) // 8], "big") >> (-bits % 8)
    out = [ALPHABET[(value >> (5 * (count - 1 - i))) & 31] for i in range(count)]
    return "-".join("".join(out[i:i + 4]) for i in range(0, count, 4))


def fingerprint(public_key):
    """Team or desk fingerprint: 20 symbols from BLAKE2b-32(public key)."""
    return symbols(blake2b(public_key, 32), 20)


def padme(x):
    """Padmé length (Docs/FORMAT.md, "Padding")."""
    e = x.bit_length() - 1
    s = e.bit_length()
    mask = (1 << (e - s)) - 1
    return (x + mask) & ~mask


def padded_length(stream_length):
    """The padded plaintext length L of a file stream of this length, or None when no stream has it."""
    body, full = stream_length - STREAM_HEADER, CHUNK + STREAM_ABYTES
    if body <= STREAM_ABYTES:
        return None
    chunks = -(-body // full)
    if body - (chunks - 1) * full <= STREAM_ABYTES:
        return None
    return body - chunks * STREAM_ABYTES


def key_id(public_key):
    """The 8-byte key id carried in record envelopes."""
    return blake2b(public_key, 8)


class Cursor:
    """Reads fields from an in-memory byte string, raising FormatError past its end."""

    def __init__(self, data, what):
        self.data, self.pos, self.what = data, 0, what

    def take(self, n):
        if self.pos + n > len(self.data):
            raise FormatError(f"{self.what}: truncated at byte {len(self.data)}")
        self.pos += n
        return self.data[self.pos - n:self.pos]

    def uint(self, size):
        return int.from_bytes(self.take(size), "big")

    def str16(self):
        return decode_utf8(self.take(self.uint(2)), self.what)

    def rest(self):
        return self.take(len(self.data) - self.pos)


class Stream(Cursor):
    """Reads a file incrementally from its current position, never past offset `end`.

    While `kept` is a bytearray, every byte read is also appended to it.
    """

    def __init__(self, handle, what, end):
        self.handle, self.what, self.pos, self.end = handle, what, handle.tell(), end
        self.kept = None

    def take(self, n):
        if n > self.end - self.pos:
            raise FormatError(f"{self.what}: truncated at byte {self.end}")
        data = self.handle.read(n)
        self.pos += len(data)
        if len(data) != n:          # the file shrank while being read
            raise FormatError(f"{self.what}: truncated at byte {self.pos}")
        if self.kept is not None:
            self.kept += data
        return data


def decode_utf8(data, what):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise FormatError(f"{what}: invalid UTF-8") from None


def expect_magic(cur, magic, version=1):
    if cur.take(4) != magic:
        raise FormatError(f"{cur.what}: not a {magic.decode()} file (bad magic)")
    found = cur.uint(1)
    if found != version:
        raise FormatError(f"{cur.what}: unknown {magic.decode()} version {found} "
                          f"(this reader knows version {version})")


def read_key_file(path):
    """Parse team.pub or a secret key file. Returns a dict; secret files keep their sealed parts."""
    with open(path, "rb") as f:
        cur = Cursor(f.read(), path)
    magic = cur.data[:4]
    if magic not in (b"TMNP", b"TMNS"):
        raise FormatError(f"{path}: neither a public (TMNP) nor a secret (TMNS) key file")
    expect_magic(cur, magic)
    key = {"kind": cur.uint(1), "public": cur.take(32), "name": cur.str16()}
    if key["kind"] not in ((1,) if magic == b"TMNP" else (1, 2)):
        raise FormatError(f"{path}: unknown key kind {key['kind']}")
    if magic == b"TMNS":
        key["opslimit"], key["memlimit"] = cur.uint(8), cur.uint(8)
        key["salt"], key["nonce"] = cur.take(16), cur.take(24)
        key["header"] = cur.data[:cur.pos]
        key["ciphertext"] = cur.take((32 if key["kind"] == 1 else 64) + 16)
    if cur.rest():
        raise FormatError(f"{path}: unexpected bytes after the key")
    return key


def open_team_key(path, passphrase):
    """Decrypt a team secret key file; returns (public key, secret key)."""
    key = read_key_file(path)
    if "ciphertext" not in key or key["kind"] != 1:
        raise FormatError(f"{path}: not a team secret key file")
    if not 1 <= key["opslimit"] <= MAX_OPSLIMIT or not 8192 <= key["memlimit"] <= MAX_MEMLIMIT:
        raise FormatError(f"{path}: absurd Argon2id limits (damaged file?)")
    try:
        k = sodium.crypto_pwhash_alg(32, passphrase, key["salt"], key["opslimit"],
                                     key["memlimit"], sodium.crypto_pwhash_ALG_ARGON2ID13)
        secret = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
            key["ciphertext"], key["header"], key["nonce"], k)
    except nacl.exceptions.CryptoError:
        raise WrongPassphrase(f"{path}: wrong passphrase (or damaged key file)") from None
    if sodium.crypto_scalarmult_base(secret) != key["public"]:
        raise FormatError(f"{path}: secret key does not match its public key")
    return key["public"], secret


def parse_envelope(data, what):
    """Check a record envelope's structure; returns (record id, recipients, nonce, header length)."""
    cur = Cursor(data, what)
    expect_magic(cur, b"TMNR")
    record_id = cur.take(16)
    count = cur.uint(1)
    if count == 0:
        raise FormatError(f"{what}: no recipient")
    recipients = [(cur.take(8), cur.take(SEALED_KEY)) for _ in range(count)]
    nonce, length = cur.take(24), cur.uint(4)
    if not MIN_CIPHERTEXT <= length <= MAX_CIPHERTEXT:
        raise FormatError(f"{what}: ciphertext length {length} out of range")
    if len(data) != cur.pos + length:
        raise FormatError(f"{what}: envelope length does not match its ciphertext length")
    return record_id, recipients, nonce, cur.pos


class Bundle:
    """A bundle whose header, manifest and signature check out; its records are not read yet."""

    def __init__(self, path, desk, desk_name, count, entries, records_start, records_end, files):
        self.path, self.desk, self.desk_name, self.count = path, desk, desk_name, count
        self.entries = entries                  # the manifest's N × (record id ‖ hash)
        self.records_start, self.records_end = records_start, records_end
        self.files = files                      # v3: [(file id, stream length, hash, stream offset)]


def open_bundle(handle, path):
    """Parse the header, then read and check the manifest and signature at the end of the file.

    Raises FormatError if the bundle must be refused whole. On return, `handle` is positioned at
    the first record, ready for read_records.
    """
    size = os.fstat(handle.fileno()).st_size
    cur = Stream(handle, path, size)
    cur.kept = bytearray()
    if cur.take(4) != b"TMNB":
        raise FormatError(f"{path}: not a TMNB file (bad magic)")
    version = cur.uint(1)
    if version not in BUNDLE_VERSIONS:
        raise FormatError(f"{path}: unknown TMNB version {version} (this reader knows versions 2 and 3)")
    desk, _bundle_id, _time = cur.take(32), cur.take(16), cur.uint(8)
    desk_name, count = shown_name(cur.str16()), cur.uint(4)
    file_count = cur.uint(4) if version >= 3 else 0
    header, records_start = bytes(cur.kept), cur.pos
    if count > MAX_RECORDS or file_count > MAX_FILES:
        raise FormatError(f"{path}: {count} records or {file_count} files, more than a bundle may hold")
    manifest_length = 4 + 4 + count * MANIFEST_ENTRY + (4 + file_count * FILE_ENTRY if version >= 3 else 0)
    manifest_start = size - SIGNATURE - manifest_length
    if manifest_start < records_start:
        raise FormatError(f"{path}: too short for a manifest of {count} records (truncated?)")
    handle.seek(manifest_start)
    manifest, signature = handle.read(manifest_length), handle.read(SIGNATURE)
    if len(manifest) != manifest_length or len(signature) != SIGNATURE:
        raise FormatError(f"{path}: truncated while being read")
    if manifest[:4] != b"TMNM":
        raise FormatError(f"{path}: no manifest {SIGNATURE + manifest_length} bytes before the "
                          f"end of the file (truncated, extended or altered bundle)")
    if int.from_bytes(manifest[4:8], "big") != count:
        raise FormatError(f"{path}: manifest record count differs from the header")
    entries = manifest[8:8 + count * MANIFEST_ENTRY]
    digest = hashlib.blake2b(header, digest_size=64)
    digest.update(manifest)
    try:
        nacl.signing.VerifyKey(desk).verify(b"temoin-bundle-v%d" % version + digest.digest(), signature)
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.CryptoError, ValueError):
        raise FormatError(f"{path}: bad signature (altered header, manifest or signature, "
                          f"or wrong desk key)") from None
    if len({entries[i:i + 16] for i in range(0, len(entries), MANIFEST_ENTRY)}) != count:
        raise FormatError(f"{path}: a record id appears twice in the manifest")
    files, records_end = [], manifest_start
    if version >= 3:
        listed = manifest[8 + count * MANIFEST_ENTRY:]
        if int.from_bytes(listed[:4], "big") != file_count:
            raise FormatError(f"{path}: manifest file count differs from the header")
        raw = [listed[4 + i:4 + i + FILE_ENTRY] for i in range(0, file_count * FILE_ENTRY, FILE_ENTRY)]
        if len({entry[:16] for entry in raw}) != file_count:
            raise FormatError(f"{path}: a file id appears twice in the manifest")
        total = 0
        for entry in raw:
            length = int.from_bytes(entry[16:24], "big")
            if padded_length(length) is None or length > MAX_FILE_SIZE * 2:
                raise FormatError(f"{path}: file {entry[:16].hex()} has an impossible length")
            total += 8 + length
        records_end = manifest_start - total
        if records_end < records_start:
            raise FormatError(f"{path}: the files it lists do not fit (truncated or extended bundle)")
        offset = records_end
        for entry in raw:
            length = int.from_bytes(entry[16:24], "big")
            files.append((entry[:16], length, entry[24:], offset + 8))
            offset += 8 + length
    handle.seek(records_start)
    return Bundle(path, desk, desk_name, count, entries, records_start, records_end, files)


def read_records(handle, bundle):
    """Read an opened bundle's records once, in order, checking each against the manifest.

    Yields (record id, envelope, parsed envelope, None) for each good record and
    (record id, None, None, message) for each bad one, where the id is the manifest's; then, if
    bytes are left between the last record and the manifest, (None, None, None, message).
    """
    path = bundle.path
    cur = Stream(handle, path, bundle.records_end)
    lost = None                 # set once a record's length cannot be trusted to find the next
    for offset in range(0, len(bundle.entries), MANIFEST_ENTRY):
        record_id = bundle.entries[offset:offset + 16]
        expected_hash = bundle.entries[offset + 16:offset + MANIFEST_ENTRY]
        corrupt = f"{path}: record {record_id.hex()}: corrupt"
        if lost:
            yield record_id, None, None, f"{corrupt} (not found: {lost})"
            continue
        if cur.end - cur.pos < 4:
            lost = "the records end before the manifest lists them all"
            yield record_id, None, None, f"{corrupt} (not found: {lost})"
            continue
        start, length = cur.pos, cur.uint(4)
        if length > min(MAX_ENVELOPE, cur.end - cur.pos):
            lost = f"the length of the record at byte {start} is wrong"
            yield record_id, None, None, f"{corrupt} (its length {length} runs past the manifest)"
            continue
        envelope = cur.take(length)
        try:
            parsed = parse_envelope(envelope, "envelope")
        except FormatError as error:
            yield record_id, None, None, f"{corrupt} ({error})"
            continue
        if parsed[0] != record_id:
            yield record_id, None, None, (f"{corrupt} (the bundle holds record {parsed[0].hex()} "
                                          f"in its place: removed, added or reordered record)")
        elif blake2b(envelope, 32) != expected_hash:
            yield record_id, None, None, f"{corrupt} (altered: its hash is not the manifest's)"
        else:
            yield record_id, envelope, parsed, None
    if not lost and cur.pos != cur.end:
        yield None, None, None, (f"{path}: {cur.end - cur.pos} unexpected bytes between "
                                 f"the last record and the manifest")


def check_files(handle, bundle):
    """Read the file streams after the records, in order, and check each against the signed list;
    raise FormatError at the first that fails. Memory stays constant whatever the file sizes."""
    handle.seek(bundle.records_end)
    for file_id, length, expected, _offset in bundle.files:
        what = f"{bundle.path}: file {file_id.hex()}"
        if int.from_bytes(handle.read(8), "big") != length:
            raise FormatError(f"{what}: its length is not the one the manifest lists")
        digest, left, first = hashlib.sha256(), length, True
        while left > 0:
            piece = handle.read(min(left, 1 << 20))
            if not piece:
                raise FormatError(f"{what}: truncated")
            if first and piece[5:21] != file_id:
                raise FormatError(f"{what}: the stream carries another file id")
            first = False
            digest.update(piece)
            left -= len(piece)
        if digest.digest() != expected:
            raise FormatError(f"{what}: altered (its hash is not the manifest's)")


def check_payload_files(payload):
    """The payload's `files` list, checked (Docs/FORMAT.md, "Evidence files"); [] when absent."""
    files = payload.get("files", [])
    if not isinstance(files, list):
        raise FormatError('"files" is not a list')
    seen = set()
    for entry in files:
        if not isinstance(entry, dict):
            raise FormatError("a file of \"files\" is not an object")
        for key in ("field", "id", "key", "name", "sha256", "type"):
            if not isinstance(entry.get(key), str):
                raise FormatError(f'a file of "files" has no string "{key}"')
        for key, digits in (("id", 32), ("key", 64), ("sha256", 64)):
            if len(entry[key]) != digits or not HEX.fullmatch(entry[key]):
                raise FormatError(f'a file of "files": "{key}" is not {digits} lower-case hexadecimal digits')
        if type(entry.get("size")) is not int or not 0 <= entry["size"] <= MAX_FILE_SIZE:
            raise FormatError('a file of "files": "size" is not a whole number from 0 to 2^40')
        if "capture" in entry:
            capture = entry["capture"]
            if not isinstance(capture, dict):
                raise FormatError('a file of "files": "capture" is not an object')
            for key in CAPTURE_KEYS:
                if key in capture and not isinstance(capture[key], str):
                    raise FormatError(f'a file of "files": "capture"."{key}" is not a string')
        if entry["id"] in seen:
            raise FormatError(f'file {entry["id"]} is listed twice in "files"')
        seen.add(entry["id"])
    return files


# The Default_Ignorable_Code_Point characters that are letters, numbers or nonspacing marks (the others are
# format or unassigned characters, replaced anyway): invisible, so a name made of them would look empty.
IGNORABLE = ((0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180D), (0x180F, 0x180F), (0x3164, 0x3164),
             (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xE0100, 0xE01EF))


def ignorable(char):
    return any(low <= ord(char) <= high for low, high in IGNORABLE)


def shown_name(name):
    """A bundle's desk name as shown: every control, format or line-separator character but the joiners
    U+200C and U+200D becomes U+FFFD."""
    return "".join("\ufffd" if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") and char not in "\u200c\u200d" else char
                   for char in name)


def safe_name(file_id, name):
    """DIR-relative name of an extracted file: 12 id digits, '-', the name's letters, digits, combining
    marks and . _ - ( ) +, everything else as _, no leading dots, at most 120 bytes (Docs/FORMAT.md)."""
    out, size = [], 0
    for char in name:
        category = unicodedata.category(char)
        keep = (category[0] in "LN" or category == "Mn") and not ignorable(char) or char in "._-()+"
        char = char if keep else "_"
        width = len(char.encode("utf-8"))
        if size + width > 120:
            break
        out.append(char)
        size += width
    text = "".join(out).lstrip(".")
    return file_id[:12] + "-" + (text or "file")


def extract_file(handle, bundle, entry, folder):
    """Decrypt one file of a payload from its bundle into `folder`; returns its path or raises FormatError."""
    file_id = bytes.fromhex(entry["id"])
    placed = [f for f in bundle.files if f[0] == file_id]
    if not placed:
        raise FormatError("the bundle does not carry it (exported without files?)")
    _id, length, expected, offset = placed[0]
    padded = padded_length(length)
    if padded is None or not entry["size"] < padded:
        raise FormatError("its size does not fit its stream")
    handle.seek(offset)
    digest = hashlib.sha256()

    def read(n):
        data = handle.read(n)
        if len(data) != n:
            raise FormatError("truncated stream")
        digest.update(data)
        return data

    head = read(STREAM_HEADER)
    if head[:5] != b"TMNF\x01" or head[5:21] != file_id:
        raise FormatError("not the stream of this file (magic, version or id)")
    path = os.path.join(folder, safe_name(entry["id"], entry["name"]))
    temporary = os.path.join(folder, f".{entry['id']}.partial")
    sha, done, size, created = hashlib.sha256(), 0, entry["size"], False
    try:
        state = sodium.crypto_secretstream_xchacha20poly1305_state()
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, head[21:], bytes.fromhex(entry["key"]))
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        created = True
        with open(descriptor, "wb") as out:
            while done < padded:
                chunk = min(CHUNK, padded - done)
                try:
                    plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, read(chunk + STREAM_ABYTES))
                except nacl.exceptions.CryptoError:
                    raise FormatError(f"chunk at byte {done} does not authenticate (altered, moved or foreign)") from None
                last = done + chunk == padded
                if tag != (sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL if last
                           else sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE):
                    raise FormatError("no final chunk: the stream was cut" if last else "a final tag before the end")
                content = max(0, min(chunk, size - done))
                pad = plain[content:]
                if pad != (b"\x80" + bytes(len(pad) - 1) if done + content == size else bytes(len(pad))):
                    raise FormatError("bad padding")
                sha.update(plain[:content])
                out.write(plain[:content])
                done += chunk
        if digest.digest() != expected:
            raise FormatError("the stream is not the one the manifest lists")
        if sha.hexdigest() != entry["sha256"]:
            raise FormatError("its SHA-256 is not the one the desk took")
        os.link(temporary, path)        # never replaces an existing file
    except FileExistsError:
        if not created:
            raise FormatError(f"{temporary} already exists (left untouched)") from None
        if not same_file(path, entry["sha256"]):
            raise FormatError(f"{path} already exists (left untouched)") from None
    finally:
        if created:
            os.unlink(temporary)
    return path


def extract_files(wanted, folder):
    """Write the files of the testimonies output, in their order, each reported on standard error; a name that
    they give to different files (other SHA-256) is written for none of them, whatever the order of the bundles
    (Docs/FORMAT.md, "Team output"). Returns whether any file was not written."""
    contents = {}
    for _path, _record_id, files in wanted:
        for entry in files:
            contents.setdefault(safe_name(entry["id"], entry["name"]), set()).add(entry["sha256"].lower())
    failed, opened = False, {}
    with contextlib.ExitStack() as handles:
        for path, record_id, files in wanted:
            for entry in files:
                try:
                    name = safe_name(entry["id"], entry["name"])
                    if len(contents[name]) > 1:
                        raise FormatError(f"{len(contents[name])} different files take the name {name}: none is written under it")
                    if path not in opened:
                        handle = handles.enter_context(open(path, "rb"))
                        opened[path] = (handle, open_bundle(handle, path))
                    written = extract_file(*opened[path], entry, folder)
                    print(f"{path}: record {record_id.hex()}: file {entry['id']}: ok, SHA-256 "
                          f"{entry['sha256']}, written to {written}", file=sys.stderr)
                except (FormatError, OSError) as error:
                    print(f"{path}: record {record_id.hex()}: file {entry['id']}: NOT WRITTEN ({error})", file=sys.stderr)
                    failed = True
    return failed


def same_file(path, sha256):
    """Whether `path` is a regular file (not a link, never followed) whose SHA-256 is `sha256`: extracted before."""
    if not stat.S_ISREG(os.lstat(path).st_mode):
        return False
    digest = hashlib.sha256()
    with open(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK), "rb") as existing:
        for piece in iter(lambda: existing.read(1 << 20), b""):
            digest.update(piece)
    return digest.hexdigest() == sha256


def open_record(envelope, parsed, public, secret, my_id):
    """Decrypt one envelope with the team key; returns the payload object.

    Raises LookupError if sealed to another key, FormatError if damaged.
    """
    record_id, recipients, nonce, header_length = parsed
    mine = [sealed for kid, sealed in recipients if kid == my_id]
    if not mine:
        raise LookupError("sealed to another key")
    for sealed in mine:         # normally one; an 8-byte key id could in theory collide
        try:
            content_key = sodium.crypto_box_seal_open(sealed, public, secret)
            padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
                envelope[header_length:], envelope[:header_length], nonce, content_key)
            break
        except nacl.exceptions.CryptoError:
            continue
    else:
        raise FormatError("damaged or altered (decryption failed)")
    plain = padded.rstrip(b"\0")
    if not plain.endswith(b"\x80"):
        raise FormatError("bad padding")
    payload = parse_payload(decode_utf8(plain[:-1], "payload"))
    if payload.get("format") != "temoin-record" or type(payload.get("version")) is not int \
            or payload["version"] != 1:
        raise FormatError("payload is not a version 1 temoin-record")
    if payload.get("record") != record_id.hex():
        raise FormatError("payload record id differs from the envelope's")
    missing = {"answers", "desk", "form", "receipt", "sealed_at"} - payload.keys()
    if missing:
        raise FormatError(f"payload lacks {', '.join(sorted(missing))}")
    form = payload["form"]
    if not isinstance(form, dict) or not isinstance(form.get("id"), str) or type(form.get("version")) is not int:
        raise FormatError('"form" is not {"id": …, "version": …}')
    for key in ("desk", "receipt"):
        if not isinstance(payload[key], str):
            raise FormatError(f'"{key}" is not a string')
    if not isinstance(payload["sealed_at"], str) or not SEALED_AT.fullmatch(payload["sealed_at"]):
        raise FormatError('"sealed_at" is not a time like 2026-03-14T14:53:20Z')
    if not isinstance(payload["answers"], dict):
        raise FormatError('"answers" is not an object')
    for field, value in payload["answers"].items():
        if not (isinstance(value, str) or type(value) is int
                or (isinstance(value, list) and all(isinstance(item, str) for item in value))):
            raise FormatError(f'answer "{field}" is not a string, a whole number or a list')
    check_payload_files(payload)
    return payload


class Fraction:
    """A JSON number with a fraction or an exponent: checked, never taken for an integer."""


def parse_payload(text):
    """Strict JSON (Docs/FORMAT.md, "Payload"): a key twice in an object, an integer outside 64 bits,
    a lone surrogate, NaN or Infinity, or nesting deeper than 64 make the payload damaged."""
    def no_repeats(pairs):
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            raise FormatError("a key is written twice in an object")
        return dict(pairs)

    def integer(digits):
        value = int(digits)
        if not -(1 << 63) <= value < (1 << 63):
            raise FormatError("a number too large")
        return value

    def constant(name):
        raise FormatError(f"{name} is not JSON")

    def check(value, depth):
        if isinstance(value, str):
            value.encode("utf-8")       # a lone surrogate raises
        elif isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                raise FormatError("nested too deeply")
            for item in value.values() if isinstance(value, dict) else value:
                check(item, depth + 1)
            for key in value if isinstance(value, dict) else ():
                check(key, depth)

    try:
        payload = json.loads(text, object_pairs_hook=no_repeats, parse_int=integer,
                             parse_float=lambda _: Fraction(), parse_constant=constant)
        check(payload, 0)
    except (ValueError, RecursionError, UnicodeEncodeError):
        raise FormatError("payload is not strict JSON") from None
    if not isinstance(payload, dict):
        raise FormatError("payload is not a JSON object")
    return payload


def command_verify(args):
    """verify BUNDLE...: print each good bundle's desk fingerprint and record count."""
    status = 0
    for path in args.bundles:
        try:
            with open(path, "rb") as handle:
                bundle = open_bundle(handle, path)
                for _record_id, _envelope, _parsed, problem in read_records(handle, bundle):
                    if problem:
                        raise FormatError(problem)
                check_files(handle, bundle)
        except (FormatError, OSError) as error:
            print(f"REFUSED {error}", file=sys.stderr)
            status = 5
            continue
        count = bundle.count
        files = f", {len(bundle.files)} file{'s' if len(bundle.files) != 1 else ''}" if bundle.files else ""
        print(f"{path}: verified, {count} record{'s' if count != 1 else ''}{files}, "
              f"desk {fingerprint(bundle.desk)} {json.dumps(bundle.desk_name, ensure_ascii=False)}")
    return status


def conflicting_ids(paths):
    """Record ids that come with more than one content (envelope hash) or from more than one desk among
    the signed lists of the bundles that open: read before any record, so that order does not matter."""
    contents = {}
    for path in paths:
        try:
            with open(path, "rb") as handle:
                bundle = open_bundle(handle, path)
        except (FormatError, OSError):
            continue                    # refused again, and reported, when it is read
        for offset in range(0, len(bundle.entries), MANIFEST_ENTRY):
            entry = bundle.entries[offset:offset + MANIFEST_ENTRY]
            contents.setdefault(entry[:16], set()).add((bundle.desk, entry[16:]))
    return {record_id for record_id, copies in contents.items() if len(copies) > 1}


def command_decrypt(args):
    """decrypt: JSON Lines, one per record, keys sorted, compact, UTF-8 kept as is."""
    try:
        with open(args.passphrase_file, "rb") as f:
            passphrase = f.read()
        passphrase = passphrase[:-1] if passphrase.endswith(b"\n") else passphrase
        passphrase = passphrase[:-1] if passphrase.endswith(b"\r") else passphrase
        decode_utf8(passphrase, args.passphrase_file)
        public, secret = open_team_key(args.key, passphrase)
        out = sys.stdout.buffer if args.out is None else \
            os.fdopen(os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")
    except (FormatError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 3 if isinstance(error, WrongPassphrase) else 1
    if args.files is not None:
        os.makedirs(args.files, mode=0o700, exist_ok=True)
    conflicts = conflicting_ids(args.bundles)
    my_id, done, status, wanted = key_id(public), set(), 0, []
    try:
        for path in args.bundles:
            try:
                with open(path, "rb") as handle:
                    bundle = open_bundle(handle, path)
                    signer = fingerprint(bundle.desk)
                    base = {"bundle": os.path.basename(path), "desk": signer, "desk_name": bundle.desk_name,
                            "desk_trust": "unknown"}
                    for record_id, envelope, parsed, problem in read_records(handle, bundle):
                        # A record is output once: by its id, or, for an id whose copies differ, by its id, its
                        # signer and its hash (hashed again only then: read_records checked it already).
                        copy = None if problem is not None else \
                            (record_id, bundle.desk, blake2b(envelope, 32)) if record_id in conflicts else record_id
                        if copy is not None and copy in done:
                            continue    # already output from an earlier bundle
                        if problem is None:
                            try:
                                payload = open_record(envelope, parsed, public, secret, my_id)
                            except LookupError as error:
                                problem = f"{path}: record {record_id.hex()}: other_key ({error})"
                            except FormatError as error:
                                problem = f"{path}: record {record_id.hex()}: corrupt ({error})"
                        if problem:
                            print(problem, file=sys.stderr)
                            status = 5
                            continue
                        done.add(copy)
                        verdict = "desk_mismatch" if payload["desk"] != signer else \
                            "conflict" if record_id in conflicts else "ok"
                        if verdict != "ok":
                            print(f"{path}: record {record_id.hex()}: {verdict}", file=sys.stderr)
                            status = 5
                        form = {"id": payload["form"]["id"], "version": payload["form"]["version"]}
                        line = dict(base, status=verdict, form=form, **{key: payload[key] for key in
                                                                        ("answers", "receipt", "record", "sealed_at")})
                        files = payload.get("files") or []
                        if files:
                            line["files"] = [{key: entry[key] for key in ("capture", "field", "id", "name", "sha256", "size", "type")
                                              if key in entry} for entry in files]
                            for entry in line["files"]:
                                if "capture" in entry:
                                    entry["capture"] = {k: v for k, v in entry["capture"].items() if k in CAPTURE_KEYS}
                        if files:
                            wanted.append((path, record_id, files))
                        out.write(json.dumps(line, ensure_ascii=False, sort_keys=True,
                                             separators=(",", ":")).encode("utf-8") + b"\n")
            except (FormatError, OSError) as error:
                print(f"REFUSED {error}", file=sys.stderr)
                status = 5
        if args.files is not None and extract_files(wanted, args.files):
            status = 5
    finally:
        out.flush()
        if args.out is not None:
            out.close()
    return status


def command_fingerprint(args):
    """fingerprint FILE: the fingerprint of the key in a team.pub or a secret key file."""
    try:
        print(fingerprint(read_key_file(args.file)["public"]))
    except (FormatError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser("verify", help="verify bundles (no secret needed)")
    verify.add_argument("bundles", nargs="+", metavar="BUNDLE")
    decrypt = commands.add_parser("decrypt", help="verify, then decrypt bundles to JSON Lines")
    decrypt.add_argument("--key", required=True, help="team secret key file (team.key)")
    decrypt.add_argument("--passphrase-file", required=True,
                         help="file holding the passphrase (one trailing newline ignored)")
    decrypt.add_argument("--out", help="output file (default: standard output)")
    decrypt.add_argument("--files", metavar="DIR", help="also write the evidence files into DIR (created if needed)")
    decrypt.add_argument("bundles", nargs="+", metavar="BUNDLE")
    fp = commands.add_parser("fingerprint", help="fingerprint of team.pub or a secret key file")
    fp.add_argument("file", metavar="FILE")
    args = parser.parse_args(argv)
    return {"verify": command_verify, "decrypt": command_decrypt,
            "fingerprint": command_fingerprint}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
