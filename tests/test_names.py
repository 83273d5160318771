import random

import pytest
from claimkit.extract.names import NameIndex, name_key, normalise_names


def keys_of(names, kind="PERSON"):
    index = NameIndex()
    return index, [index.add(n, kind) for n in names]


@pytest.mark.parametrize("a, b", [
    ("Lavrentiy Beria", "Lavrenty Beria"),
    ("Lavrentiy Beria", "Beria, Lavrentíy"),
    ("Mikhail Tukhachevsky", "Mikhail Tukhachevskii"),
    ("Marshal Tukhachevsky", "Tukhachevsky"),
    ("Comrade Stalin", "Stalin's"),
    ("Stalin", "STALIN’s"),
    ("Vyacheslav Molotov", "Viacheslav Molotov"),
    ("Nikolai Yezhov", "Nikolai Ezhov"),
    ("Zinoviev", "Zinovyev"),
    ("Leon Trotsky", "Leon Trotzky"),
])
def test_name_key_folds_spelling_variants(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("name, key", [
    ("Lavrentiy Pavlovich Beria", "lavrenti pavlovich beria"),
    ("J.V. Stalin", "j v stalin"),
    ("General Secretary Stalin", "stalin"),
    ("Joachim von Ribbentrop", "joachim von ribentrop"),
    ("Marshal", "marshal"),
])
def test_name_key_person_forms(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize("a, b", [
    ("NKVD", "N.K.V.D."),
    ("the NKVD's", "N K V D"),
    ("the Red Army", "Red  Army"),
    ("Red-Army", "RED ARMY"),
])
def test_name_key_organisation_forms(a, b):
    assert name_key(a, "ORG") == name_key(b, "ORG")


def test_organisation_keys_are_not_transliterated():
    assert name_key("the Red Army", "ORG") == "red army"


@pytest.mark.parametrize("names", [
    ["Lavrentiy Beria", "Laventry Beria", "Lavrenty Beria", "Beria"],
    ["Nikolai Krestinsky", "Nikolas Krestinsky", "Nicolai Krestinsky"],
    ["Nikolai Yezhov", "Nikolai Ezhov", "Yeshov", "Ezhov"],
    ["Vyacheslav Molotov", "Viacheslav Molotov", "Molotov"],
    ["Joachim von Ribbentrop", "Ribbentrop", "von Ribbentrop"],
    ["Mikhail Tukhachevsky", "Tukhachevskii", "Marshal Tukhachevsky"],
    ["Genrikh Yagoda", "Henrikh Yagoda", "Yagoda"],
    ["Joseph Stalin", "Stalin", "J. Stalin", "Iosif Stalin", "Stalin's"],
    ["Nikita Khrushchev", "Nikita Khruschev", "Khrushchev"],
    ["Sergei Kirov", "Sergey Kirov", "S. M. Kirov"],
])
def test_person_variants_merge(names):
    _, keys = keys_of(names)
    assert len(set(keys)) == 1


@pytest.mark.parametrize("a, b", [
    ("Nikolai Bukharin", "Nikolai Yezhov"),
    ("Lev Kamenev", "Sergei Kamenev"),
    ("Joseph Stalin", "Yakov Stalin"),
    ("J. Stalin", "Vasily Stalin"),
    ("I. V. Stalin", "Svetlana Stalin"),
    ("Alexei Rykov", "Rykova"),
    ("Grigory Zinoviev", "Grigory Ordzhonikidze"),
    ("Lev Trotsky", "Lev Kamenev"),
])
def test_different_people_stay_apart(a, b):
    _, (ka, kb) = keys_of([a, b])
    assert ka != kb


def test_kinds_stay_apart():
    index = NameIndex()
    assert index.add("Kirov", "PERSON") != index.add("Kirov", "GPE")
    assert index.kind(index.add("Kirov", "gpe")) == "GPE"


def test_bare_surname_fitting_two_people_is_kept_apart_and_reported():
    index, (lev, sergei, bare) = keys_of(["Lev Kamenev", "Sergei Kamenev", "Kamenev"])
    assert len({lev, sergei, bare}) == 3
    assert index.ambiguous() == {bare: [lev, sergei]}
    # a later full name still finds its own entity; the bare form keeps its key
    assert index.add("L. Kamenev") == lev
    assert index.add("Kamenev") == bare
    assert index.add("Kamenyev") == bare


def test_bare_surname_seen_first_joins_the_first_full_name():
    index, (bare, lev, sergei) = keys_of(["Kamenev", "Lev Kamenev", "Sergei Kamenev"])
    assert bare == lev != sergei
    assert index.ambiguous() == {}


def test_variants_are_kept_with_counts_in_first_seen_order():
    index = NameIndex()
    names = ["Laventry Beria", "Lavrentiy Beria", "Beria", "Lavrentiy Beria",
             "Lavrentiy  Beria", "Beria"]
    [key] = {index.add(n) for n in names}
    assert index.variants(key) == ["Laventry Beria", "Lavrentiy Beria", "Beria"]
    assert index.variant_counts(key) == {
        "Laventry Beria": 1, "Lavrentiy Beria": 3, "Beria": 2}
    assert index.entities() == {key: ["Laventry Beria", "Lavrentiy Beria", "Beria"]}
    # the key comes from the first form and never changes
    assert key == "PERSON:laventri beria"


@pytest.mark.parametrize("names, expected", [
    # most frequent full form, even when a bare surname is more frequent
    (["Beria", "Beria", "Beria", "Laventry Beria", "Lavrentiy Beria",
      "Lavrentiy Beria"], "Lavrentiy Beria"),
    # tie: the longest normal form wins
    (["Molotov", "V. Molotov", "Vyacheslav Molotov"], "Vyacheslav Molotov"),
    (["Ribbentrop", "Joachim von Ribbentrop"], "Joachim von Ribbentrop"),
    # tie on count and length: first seen; a possessive only when nothing else
    (["Stalin's", "Joseph Stalin's", "Joseph Stalin"], "Joseph Stalin"),
    (["Stalin's"], "Stalin's"),
    (["Tukhachevsky", "Marshal Tukhachevsky"], "Tukhachevsky"),
])
def test_canonical(names, expected):
    index, keys = keys_of(names)
    assert index.canonical(keys[0]) == expected


@pytest.mark.parametrize("names", [
    ["NKVD", "N.K.V.D.", "the NKVD", "People's Commissariat for Internal Affairs",
     "Peoples Commissariat of Internal Affairs"],
    ["CPSU", "Communist Party of the Soviet Union"],
    ["USSR", "Union of Soviet Socialist Republics", "Soviet Union"],
    ["the Red Army", "Red Army", "RED ARMY", "Workers' and Peasants' Red Army"],
    ["Comintern", "Communist International"],
])
def test_organisation_variants_merge(names):
    _, keys = keys_of(names, "ORG")
    assert len(set(keys)) == 1


@pytest.mark.parametrize("a, b", [
    ("NKVD", "OGPU"),
    ("NKVD", "NKID"),
    ("Red Army", "Red Navy"),
    ("13th Rifle Division", "18th Rifle Division"),
    ("Western Front", "Eastern Front"),
    ("PCI", "People's Commissariat for Internal Affairs"),
    ("RA", "Red Army"),
])
def test_different_organisations_stay_apart(a, b):
    _, (ka, kb) = keys_of([a, b], "ORG")
    assert ka != kb


def test_canonical_organisation_prefers_a_spelled_out_name():
    index, keys = keys_of(["NKVD", "NKVD", "N.K.V.D.",
                           "People's Commissariat for Internal Affairs"], "ORG")
    assert index.canonical(keys[0]) == "People's Commissariat for Internal Affairs"
    assert index.variant_counts(keys[0])["NKVD"] == 2


def test_normalise_names_maps_every_form_to_its_key():
    pairs = [("Lavrentiy Beria", "PERSON"), ("Laventry Beria", "PERSON"),
             ("Nikolai Bukharin", "PERSON"), ("Nikolai Yezhov", "PERSON"),
             ("Ezhov", "PERSON"), ("NKVD", "ORG"), ("N.K.V.D.", "ORG"),
             ("Kirov", "PERSON"), ("Kirov", "GPE")]
    keys = normalise_names(pairs)
    assert set(keys) == {name for name, _ in pairs}
    assert keys["Lavrentiy Beria"] == keys["Laventry Beria"] == "PERSON:lavrenti beria"
    assert keys["Ezhov"] == keys["Nikolai Yezhov"] != keys["Nikolai Bukharin"]
    assert keys["NKVD"] == keys["N.K.V.D."] == "ORG:nkvd"
    assert keys["Kirov"] == "PERSON:kirov"  # the first kind wins


def test_input_order_changes_only_the_display_order():
    names = ["Lavrentiy Beria", "Laventry Beria", "Beria", "Nikolai Krestinsky",
             "Nikolas Krestinsky", "Nikolai Yezhov", "Yeshov", "Nikolai Bukharin",
             "Bukharin", "Vyacheslav Molotov", "Molotov", "Joachim von Ribbentrop",
             "Ribbentrop", "Mikhail Tukhachevsky", "Tukhachevskii", "Genrikh Yagoda",
             "Henrikh Yagoda", "Lev Kamenev", "Sergei Kamenev"]

    def partition(order):
        index = NameIndex()
        for n in order:
            index.add(n)
        return {frozenset(v) for v in index.entities().values()}

    expected = partition(names)
    assert len(expected) == 10
    rng = random.Random(1937)
    for _ in range(20):
        shuffled = names[:]
        rng.shuffle(shuffled)
        assert partition(shuffled) == expected


@pytest.mark.parametrize("name", ["", "   ", "—", "..."])
def test_a_name_without_letters_is_refused(name):
    with pytest.raises(ValueError):
        NameIndex().add(name)


def test_lookup_does_not_add():
    index = NameIndex()
    key = index.add("Lavrentiy Beria")
    assert index.lookup("Lavrenty Beria") == key
    assert index.lookup("Beria") is None
    assert len(index) == 1 and key in index
