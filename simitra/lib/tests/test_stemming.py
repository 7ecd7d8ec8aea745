from simitra.lib import stemming


def test_word_forms_share_their_root():
    assert stemming.stem("memasarkan") == stemming.stem("pemasaran") == "pasar"
    assert stemming.stem("pelatihan") == stemming.stem("dilatih") == "latih"
    assert stemming.stem("keberlanjutan") == stemming.stem("berkelanjutan")


def test_words_split_on_hyphens_digits_and_punctuation():
    assert stemming.words("NTT-STUNTING-2025: Air, bersih!") == [
        "ntt",
        "stunting",
        "2025",
        "air",
        "bersih",
    ]


def test_stems_drop_stop_words_and_repeats():
    assert stemming.stems("pelatihan dan melatih di desa") == ["latih", "desa"]


def test_the_index_matches_whole_stems_only():
    index = stemming.index_text("Pelatihan pemasaran digital", "untuk UMKM perempuan")
    assert index.startswith(" ") and index.endswith(" ")
    assert stemming.matches(index, "memasarkan")
    assert stemming.matches(index, "dilatih perempuan")
    assert not stemming.matches(index, "pasaran ikan")  # every stem must match
    assert not stemming.matches(index, "umk")  # no partial stems
    assert not stemming.matches(index, "dan")  # a query of stop words only finds nothing


def test_lookups_name_the_field_and_each_stem():
    assert stemming.contains_stem_lookups("search_stems", "memasarkan produk") == [
        {"search_stems__contains": " pasar "},
        {"search_stems__contains": " produk "},
    ]
    assert stemming.contains_stem_lookups("search_stems", "  dan ") == []


def test_the_stemmer_is_built_once_and_words_are_cached():
    stemming.stem.cache_clear()
    stemming.stem("kemitraan")
    stemming.stem("kemitraan")
    info = stemming.stem.cache_info()
    assert info.hits == 1 and info.misses == 1
    assert stemming._stemmer() is stemming._stemmer()
