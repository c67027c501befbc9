"""An Office file protected by an opening password, as Office 2010 and later save it.

ECMA-376 agile encryption ([MS-OFFCRYPTO] 2.3.4.10-2.3.4.15): AES-256-CBC, SHA-512 with
100 000 spins, an HMAC over the package, in a compound file with the `\\x06DataSpaces`
storage. The file opens in Office, WPS or LibreOffice with the password; the kit, which
has no password, must say it is encrypted. AES is written out here (encryption only)
because the standard library has none and a demo file is worth no new dependency.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
import struct

from themeday_office.synthetic.compound_file import compound_file

DEFAULT_PASSWORD = "123456"
_SPIN = 100_000
_SEGMENT = 4096
_BLOCK_VERIFIER_INPUT = bytes.fromhex("fea7d2763b4b9e79")
_BLOCK_VERIFIER_HASH = bytes.fromhex("d7aa0f6d3061344e")
_BLOCK_KEY = bytes.fromhex("146e0be7abacd0d6")
_BLOCK_HMAC_KEY = bytes.fromhex("5fb2ad010cb9e1f6")
_BLOCK_HMAC_VALUE = bytes.fromhex("a0677f02b22c8433")
_CIPHER = (
    'saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
    'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"'
)


def encrypt(package: bytes, password: str = DEFAULT_PASSWORD, *, rng: random.Random | None = None) -> bytes:
    """The OOXML `package` (xlsx/docx bytes) as a password-protected compound file."""
    rng = rng or random.Random(package[:64])
    key_salt, password_salt = rng.randbytes(16), rng.randbytes(16)
    secret = rng.randbytes(32)

    digest = hashlib.sha512(password_salt + password.encode("utf-16-le")).digest()
    for i in range(_SPIN):
        digest = hashlib.sha512(struct.pack("<I", i) + digest).digest()

    def password_key(block: bytes) -> bytes:
        return hashlib.sha512(digest + block).digest()[:32]

    verifier = rng.randbytes(16)
    encrypted_package = struct.pack("<Q", len(package)) + b"".join(
        _cbc(secret, _iv(key_salt, struct.pack("<I", i)), _pad(package[start : start + _SEGMENT]))
        for i, start in enumerate(range(0, len(package), _SEGMENT))
    )
    hmac_key = rng.randbytes(64)
    hmac_value = hmac.new(hmac_key, encrypted_package, hashlib.sha512).digest()

    verifier_hash = hashlib.sha512(verifier).digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
        'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" '
        'xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">'
        f'<keyData {_CIPHER} saltValue="{b64(key_salt)}"/>'
        f'<dataIntegrity encryptedHmacKey="{b64(_cbc(secret, _iv(key_salt, _BLOCK_HMAC_KEY), hmac_key))}" '
        f'encryptedHmacValue="{b64(_cbc(secret, _iv(key_salt, _BLOCK_HMAC_VALUE), hmac_value))}"/>'
        '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        f'<p:encryptedKey spinCount="{_SPIN}" {_CIPHER} saltValue="{b64(password_salt)}" '
        f'encryptedVerifierHashInput="{b64(_cbc(password_key(_BLOCK_VERIFIER_INPUT), password_salt, verifier))}" '
        f'encryptedVerifierHashValue="{b64(_cbc(password_key(_BLOCK_VERIFIER_HASH), password_salt, verifier_hash))}" '
        f'encryptedKeyValue="{b64(_cbc(password_key(_BLOCK_KEY), password_salt, secret))}"/>'
        "</keyEncryptor></keyEncryptors></encryption>"
    )
    return compound_file(
        {
            **_data_spaces(),
            "EncryptionInfo": struct.pack("<HHI", 4, 4, 0x40) + xml.encode(),
            "EncryptedPackage": encrypted_package,
        }
    )


def _data_spaces() -> dict[str, bytes]:
    """The storage that tells Office the package is transformed by encryption ([MS-OFFCRYPTO] 2.1)."""
    version = struct.pack("<6H", 1, 0, 1, 0, 1, 0)
    entry = struct.pack("<II", 1, 0) + _lp("EncryptedPackage") + _lp("StrongEncryptionDataSpace")
    transform_id = _lp("{FF9A3F03-56EF-4613-BDD5-5A41C1D07246}")
    primary = (
        struct.pack("<II", 8 + len(transform_id), 1)
        + transform_id
        + _lp("Microsoft.Container.EncryptionTransform")
        + version
        + struct.pack("<IIII", 0, 0, 0, 4)  # no name, block size, cipher mode, reserved
    )
    return {
        "\x06DataSpaces/Version": _lp("Microsoft.Container.DataSpaces") + version,
        "\x06DataSpaces/DataSpaceMap": struct.pack("<III", 8, 1, 4 + len(entry)) + entry,
        "\x06DataSpaces/DataSpaceInfo/StrongEncryptionDataSpace": struct.pack("<II", 8, 1)
        + _lp("StrongEncryptionTransform"),
        "\x06DataSpaces/TransformInfo/StrongEncryptionTransform/\x06Primary": primary,
    }


def _lp(text: str) -> bytes:
    """A length-prefixed UTF-16 string padded to four bytes (UNICODE-LP-P4)."""
    data = text.encode("utf-16-le")
    return struct.pack("<I", len(data)) + data + b"\0" * (-len(data) % 4)


def _iv(salt: bytes, block: bytes) -> bytes:
    return hashlib.sha512(salt + block).digest()[:16]


def _pad(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 16)


# -- AES (FIPS-197), encryption only ---------------------------------------------------------


def _make_sbox() -> bytes:
    box = [0] * 256
    p = q = 1
    while True:
        p ^= ((p << 1) ^ (0x1B if p & 0x80 else 0)) & 0xFF  # p * 3 in GF(2^8)
        q ^= q << 1
        q ^= q << 2
        q ^= q << 4
        q &= 0xFF
        if q & 0x80:
            q ^= 0x09  # q / 3
        box[p] = (q ^ _rotl(q, 1) ^ _rotl(q, 2) ^ _rotl(q, 3) ^ _rotl(q, 4) ^ 0x63) & 0xFF
        if p == 1:
            break
    box[0] = 0x63
    return bytes(box)


def _rotl(x: int, n: int) -> int:
    return ((x << n) | (x >> (8 - n))) & 0xFF


def _xtime(x: int) -> int:
    return ((x << 1) ^ 0x1B) & 0xFF if x & 0x80 else x << 1


_SBOX = _make_sbox()
_X2 = bytes(_xtime(x) for x in range(256))
_X3 = bytes(_xtime(x) ^ x for x in range(256))


def expand_key(key: bytes) -> list[bytes]:
    """Round keys for a 128/192/256-bit key, one 16-byte key per round."""
    nk = len(key) // 4
    rounds = nk + 6
    words = [list(key[4 * i : 4 * i + 4]) for i in range(nk)]
    rcon = 1
    for i in range(nk, 4 * (rounds + 1)):
        w = list(words[i - 1])
        if i % nk == 0:
            w = [_SBOX[b] for b in w[1:] + w[:1]]
            w[0] ^= rcon
            rcon = _xtime(rcon)
        elif nk > 6 and i % nk == 4:
            w = [_SBOX[b] for b in w]
        words.append([a ^ b for a, b in zip(words[i - nk], w, strict=False)])
    return [bytes(sum(words[4 * r : 4 * r + 4], [])) for r in range(rounds + 1)]


def aes_encrypt_block(round_keys: list[bytes], block: bytes) -> bytes:
    s = [a ^ b for a, b in zip(block, round_keys[0], strict=False)]
    last = len(round_keys) - 1
    for r in range(1, last + 1):
        s = [_SBOX[b] for b in s]
        # ShiftRows on the column-major state: row i moves i columns left.
        s = [s[(c * 4 + i * 5) % 16] for c in range(4) for i in range(4)]
        if r != last:
            mixed: list[int] = []
            for c in range(0, 16, 4):
                a0, a1, a2, a3 = s[c : c + 4]
                mixed += (
                    _X2[a0] ^ _X3[a1] ^ a2 ^ a3,
                    a0 ^ _X2[a1] ^ _X3[a2] ^ a3,
                    a0 ^ a1 ^ _X2[a2] ^ _X3[a3],
                    _X3[a0] ^ a1 ^ a2 ^ _X2[a3],
                )
            s = mixed
        s = [a ^ b for a, b in zip(s, round_keys[r], strict=False)]
    return bytes(s)


def _cbc(key: bytes, iv: bytes, data: bytes) -> bytes:
    round_keys = expand_key(key)
    out, previous = [], iv
    for i in range(0, len(data), 16):
        previous = aes_encrypt_block(round_keys, bytes(a ^ b for a, b in zip(data[i : i + 16], previous, strict=False)))
        out.append(previous)
    return b"".join(out)
