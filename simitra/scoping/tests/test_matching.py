"""Profile matching on Indonesian stems (the pure part of the candidate search)."""

from simitra.scoping.matching import Profile, Query, rank, region_match, stems


def test_word_forms_share_their_stem():
    assert "turun" in stems("penurunan stunting") & stems("menurunkan angka stunting")
    assert stems("kemitraan") == stems("mitra") == {"mitra"}
    assert stems("pembangunan") == stems("bangun") == {"bangun"}


def test_stop_words_digits_and_punctuation_are_dropped():
    assert stems("yang dan di 2024, untuk; air!") == {"air"}


def test_region_inside_the_area_matches_fully_and_a_wider_one_half():
    assert region_match(["53.02.02"], ["53.02"]) == (1.0, ("53.02.02",))
    assert region_match(["53.02"], ["53.02"]) == (1.0, ("53.02",))
    assert region_match(["53"], ["53.02"]) == (0.5, ("53",))
    assert region_match(["52.03"], ["53.02"]) == (0.0, ())
    # 53.1 is not inside 53.10: codes nest by whole segments.
    assert region_match(["53.10"], ["53.1"]) == (0.0, ())


def profile(org_id, text, regions=(), goals=()):
    return Profile(org_id, f"Org {org_id}", stems(text), tuple(regions), frozenset(goals))


def test_the_profile_sharing_the_problems_words_ranks_first():
    query = Query(stems("penurunan stunting balita"))
    matches = rank(
        [
            profile(1, "Perusahaan pangan olahan dan distribusi"),
            profile(2, "LSM yang bekerja menurunkan angka stunting di desa"),
            profile(3, "Pelatihan pemasaran digital"),
        ],
        query,
    )
    assert matches[0].organisation_id == 2
    assert set(matches[0].shared_words) == {"turun", "stunting"}
    assert matches[-1].score == 0


def test_rare_words_weigh_more_than_common_ones():
    query = Query(stems("gizi posyandu"))
    profiles = [profile(i, "gizi masyarakat") for i in range(1, 6)] + [profile(9, "posyandu desa")]
    matches = {m.organisation_id: m for m in rank(profiles, query)}
    assert matches[9].score > matches[1].score


def test_regions_and_sdgs_add_to_the_score_and_say_why():
    query = Query(stems("air bersih"), ("52.03",), frozenset({6, 13}))
    matches = {
        m.organisation_id: m
        for m in rank(
            [
                profile(1, "air bersih desa", ["52.03.05"], [6]),
                profile(2, "air bersih desa", ["73.71"], []),
            ],
            query,
        )
    }
    assert matches[1].region == 1.0 and matches[1].regions == ("52.03.05",)
    assert matches[1].sdgs == (6,) and matches[1].sdg == 0.5
    assert matches[1].score > matches[2].score
    assert matches[1].score == (0.6 * 1 + 0.25 * 1 + 0.15 * 0.5) / 1.0


def test_a_query_without_regions_or_goals_is_not_penalised_for_lacking_them():
    matches = rank([profile(1, "air bersih")], Query(stems("air bersih")))
    assert matches[0].score == 1.0


def test_ties_are_ordered_by_name():
    matches = rank(
        [
            Profile(2, "Beta", frozenset({"air"})),
            Profile(1, "alfa", frozenset({"air"})),
        ],
        Query(frozenset({"air"})),
    )
    assert [m.organisation_id for m in matches] == [1, 2]
