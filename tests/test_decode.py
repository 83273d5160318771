"""Decoding: byte-order marks, UTF-16 and UTF-32 with or without a mark, a named encoding, binaries."""

import codecs

import pytest
from claimkit import SourceError, UsageError, read_source
from claimkit.read.decode import check_encoding, decode
from conftest import write

TEXT = "In 1937 about 680,000 people were shot; Café owners — “quoted” — were arrested.\n"


@pytest.mark.parametrize("codec, bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE), ("utf-8", codecs.BOM_UTF8),
])
def test_decode_byte_order_marks_decide(codec, bom):
    text, encoding, warning = decode(bom + TEXT.encode(codec), "a.txt")
    assert text == TEXT and warning is None
    assert encoding.startswith(codec[:6])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_decode_utf16_and_utf32_without_a_mark_are_detected(codec):
    text, encoding, warning = decode(TEXT.encode(codec) * 3, "a.txt")
    assert text == TEXT * 3 and encoding == codec and warning is None


def test_decode_notepad_unicode_file_is_read_with_offsets(tmp_path):
    path = write(tmp_path / "notepad.txt", "\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le"))
    source = read_source(path)
    assert source.original == TEXT and source.encoding == "utf-16"
    i = source.text.index("680,000")
    s, e = source.to_original(i, i + 7)
    assert source.original[s:e] == "680,000"


def test_decode_named_utf16_is_used_as_given(tmp_path):
    path = write(tmp_path / "a.txt", ("In 1937 the purge began.\n").encode("utf-16-le"))
    assert read_source(path, encoding="utf-16-le").original == "In 1937 the purge began.\n"
    assert read_source(path, encoding="utf-16").original == "In 1937 the purge began.\n"


def test_decode_unknown_encoding_is_a_usage_error():
    with pytest.raises(UsageError) as err:
        check_encoding("klingon-8")
    assert "klingon-8" in str(err.value) and "--encoding" in str(err.value)
    with pytest.raises(UsageError):
        decode(b"plain text", "a.txt", "klingon-8")


@pytest.mark.parametrize("data", [b"\x00\x01PK\x03\x04", bytes(range(256)) * 8, b"%PDF-1.4\n\x00\x00\x01\x02" * 50])
def test_decode_binaries_stay_binary(data):
    with pytest.raises(SourceError) as err:
        decode(data, "bad.txt")
    assert "binary" in str(err.value) and "bad.txt" in str(err.value)


def test_decode_cp1252_still_the_fallback_with_a_warning():
    text, encoding, warning = decode("Café “owners” in 1937".encode("cp1252"), "a.txt")
    assert text == "Café “owners” in 1937" and encoding == "cp1252" and "a.txt" in warning
