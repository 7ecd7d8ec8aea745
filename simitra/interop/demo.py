"""Demo data of the interop app: the English title and description of each demo partnership,
which the IATI export writes beside the Indonesian ones."""

from .models import IatiProfile

ENGLISH = {
    "NTT-STUNTING-2025": (
        "Accelerating stunting reduction in Timor Tengah Selatan Regency",
        "A partnership of the regency government, a food company, a donor, NGOs, a university "
        "and village health-post groups to reduce stunting among children under five through "
        "nutritious local food, support to health posts and behaviour change.",
    ),
    "NTB-AIRBERSIH-2026": (
        "Clean water for dry villages in East Lombok",
        "An emerging partnership to bring safe drinking water to drought-prone villages in "
        "East Lombok; still defining the problem.",
    ),
    "SULSEL-UMKM-2023": (
        "Digital literacy for women's micro-businesses in Makassar",
        "A partnership that trained women running micro-businesses to market their products "
        "online; now sustaining, with the community carrying on peer training.",
    ),
}


def load(world) -> None:
    for code, (title, description) in ENGLISH.items():
        partnership = world.partnerships.get(code)
        if partnership is None:
            continue
        IatiProfile.objects.get_or_create(
            partnership=partnership,
            defaults={"title_en": title, "description_en": description},
        )
