#!/usr/bin/python3
"""Writes the seed streams of the FuzzFileStream target (Fuzz/corpus/filestream/) from Docs/FORMAT.md alone:
two files under the fixed test key 00 01 … 1f, file ids a0… (3,000 bytes, one chunk) and b0… (70,000 bytes,
two chunks), content byte i = (7 i) mod 251. The target reads these very files as the only streams to accept."""
import sys
import nacl.bindings as b

CHUNK = 65536
KEY = bytes(range(32))


def padme(x):
    e = x.bit_length() - 1
    s = e.bit_length()
    mask = (1 << (e - s)) - 1
    return (x + mask) & ~mask


def stream(file_id, size):
    content = bytes((7 * i) % 251 for i in range(size))
    padded = padme(max(size + 1, 4096))
    plain = content + b"\x80" + bytes(padded - size - 1)
    state = b.crypto_secretstream_xchacha20poly1305_state()
    header = b.crypto_secretstream_xchacha20poly1305_init_push(state, KEY)
    out = b"TMNF" + bytes([1]) + file_id + header
    for start in range(0, padded, CHUNK):
        last = start + CHUNK >= padded
        tag = b.crypto_secretstream_xchacha20poly1305_TAG_FINAL if last else b.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
        out += b.crypto_secretstream_xchacha20poly1305_push(state, plain[start:start + CHUNK], None, tag)
    return out


folder = sys.argv[1] if len(sys.argv) > 1 else "Fuzz/corpus/filestream"
for name, file_id, size in [("one-chunk.tmnf", bytes([0xA0] * 16), 3000), ("two-chunks.tmnf", bytes([0xB0] * 16), 70000)]:
    with open(f"{folder}/{name}", "wb") as f:
        f.write(stream(file_id, size))
