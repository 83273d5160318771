from claimkit.read.offsets import OffsetMap, TextBuilder, without_ranges


def test_offsets_without_ranges_maps_back_to_original():
    original = "He purged 850,000 members4. Then more."
    text, mapping = without_ranges(original, [(25, 26, "")])
    assert text == "He purged 850,000 members. Then more."
    start = text.index("members")
    s, e = mapping.to_original(start, start + len("members"))
    assert original[s:e] == "members"
    s, e = mapping.to_original(text.index("Then"), len(text))
    assert original[s:e] == "Then more."


def test_offsets_replacement_maps_to_the_whole_entity():
    b = TextBuilder("a &amp; b")
    b.copy(0, 2)
    b.replace("&", 2, 7)
    b.copy(7, 9)
    text, mapping = b.build()
    assert text == "a & b"
    assert mapping.to_original(2, 3) == (2, 7)


def test_offsets_composition_goes_through_both_maps():
    outer = OffsetMap.identity(10)
    original = "0123456789"
    mid, first = without_ranges(original, [(2, 4, "")])
    inner_text, second = without_ranges(mid, [(0, 1, "")])
    composed = first.then(second)
    s, e = composed.to_original(0, len(inner_text))
    assert inner_text == "1456789"
    assert original[s:e] == "123456789"
    assert outer.to_original(3, 5) == (3, 5)
