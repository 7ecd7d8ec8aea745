from .framework import (
    BeneficiaryCount,
    BeneficiaryGroup,
    Dimension,
    DimensionCategory,
    FrameworkApproval,
    FrameworkProposal,
    Indicator,
    Result,
)
from .periods import IndicatorValue, Period

__all__ = [
    "BeneficiaryCount",
    "BeneficiaryGroup",
    "Dimension",
    "DimensionCategory",
    "FrameworkApproval",
    "FrameworkProposal",
    "Indicator",
    "IndicatorValue",
    "Period",
    "Result",
]
