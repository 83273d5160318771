"""File bytes to text: byte-order marks, UTF-16 and UTF-32, UTF-8, then a fallback encoding.

The order matters. A byte-order mark decides first (UTF-32's marks before UTF-16's, since
UTF-32-LE's mark begins with UTF-16-LE's). An encoding the user names from the UTF-16/32
family is used as given, because such bytes may also pass as UTF-8. Bytes with NULs are
UTF-16 or UTF-32 without a mark (what Notepad and Word's "Unicode text" may save) or binary:
charset-normalizer guesses among those four encodings and nothing else, since a guess over
every code page is unstable on short essays. Then UTF-8, then the fallback (``cp1252``, what
Windows saves "plain text" in, unless the user names another), with a warning; only if the
fallback cannot decode the bytes either is charset-normalizer asked for its best guess.
"""

from __future__ import annotations

import codecs

from ..errors import SourceError, UsageError

DEFAULT_FALLBACK = "cp1252"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
_WIDE_NAMES = {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
_SAMPLE = 64 * 1024


def check_encoding(name: str | None) -> str | None:
    """The codec's canonical name for ``name`` (None stays None: detect, then fall back on cp1252).

    Raises:
        UsageError: Python knows no codec of that name.
    """
    if name is None:
        return None
    try:
        return codecs.lookup(name).name
    except (LookupError, TypeError, ValueError):
        raise UsageError(
            f"unknown encoding {name!r} (--encoding); give a codec name such as utf-8, utf-16, cp1252 or latin-1"
        ) from None


def _binary(path) -> SourceError:
    return SourceError(path, "looks like a binary file, not text; claimkit reads .txt, .md, .html, .docx and .pdf "
                             "(save it as plain text)")


def _controls(text: str) -> bool:
    """Whether a text has more control characters than a text file would (5% of its first 8,192)."""
    head = text[:8192]
    return sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\f\r") > len(head) * 0.05


def _plausible(text: str) -> bool:
    """Whether a UTF-16/32 reading looks like prose: words or clauses separated at least every 200
    characters (spaces, line breaks or CJK punctuation). Random bytes read as UTF-16 give long runs
    of letters from many scripts with no separator."""
    head = text[:8192]
    seps = sum(1 for ch in head if ch.isspace() or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return seps >= max(1, len(head) // 200)


def _wide_guess(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, as charset-normalizer reads the bytes; None if neither."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE], cp_isolation=list(_WIDE)).best()
    return best.encoding if best is not None else None


def decode(data: bytes, path, fallback: str | None = None) -> tuple[str, str, str | None]:
    """Decode a file's bytes (see the module docstring for the order).

    ``fallback`` is the encoding the user named (``--encoding``), or None for the default.
    Returns ``(text, encoding, warning)``.

    Raises:
        SourceError: the file is empty, binary or cannot be decoded.
    """
    if not data.strip():
        raise SourceError(path, "file is empty; there is no text to read (remove it or add the essay's text)")
    named = check_encoding(fallback)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise SourceError(path, f"starts with a {codec.upper()} byte-order mark but is not valid "
                                        f"{codec.upper()} (byte {err.start}); re-save it as UTF-8") from None
            if _controls(text):
                raise _binary(path)
            return text, codec.replace("-sig", ""), None
    if named and named.replace("_", "-") in _WIDE_NAMES:
        try:
            return data.decode(named), named, None
        except UnicodeDecodeError as err:
            raise SourceError(path, f"cannot be decoded as {named} (byte {err.start}); check --encoding") from None
    if b"\x00" in data[:8192]:
        wide = _wide_guess(data)
        if wide is None:
            raise _binary(path)
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            raise _binary(path) from None
        if _controls(text) or not _plausible(text):
            raise _binary(path)
        return text, wide.replace("_", "-"), None
    head = data[:8192]
    if sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13)) > len(head) * 0.05:
        raise _binary(path)
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as err:
        position = err.start
    encoding = named or DEFAULT_FALLBACK
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        guess = None if named else _best_guess(data)
        if guess is None:
            raise SourceError(
                path,
                f"cannot be decoded as UTF-8 (byte {position}) nor as {encoding}; "
                "re-save it as UTF-8 or pass --encoding with its encoding",
            ) from None
        text, encoding = guess
    warning = f"{path}: not UTF-8 (byte {position}); read as {encoding}. Pass --encoding if that is wrong"
    return text, encoding, warning


def _best_guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best reading of bytes that neither UTF-8 nor cp1252 decode."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding.replace("_", "-")
