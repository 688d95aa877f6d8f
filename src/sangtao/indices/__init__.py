"""Composite indicators: build, weight and stress-test indices such as the PII and the GII.

A plain library (no Django), modelled on the R package COINr 1.1.14 so that a COINr user
finds the same objects and names: a :class:`Coin` holds the framework (iMeta), the units
and the data set of every build stage; build steps (:class:`Denominate`, :class:`Screen`,
:class:`Impute`, :class:`Treat`, :class:`Normalise`, :class:`Aggregate`) are estimators
whose constructor only stores parameters and whose ``apply`` returns a new coin with a
record of what was done. A YAML pipeline spec (:func:`load_spec`) uses COINr's step and
method names.

Example
-------
>>> from sangtao.indices import load_spec, get_results
>>> coin = load_spec("examples/asem/default.yaml").build()  # doctest: +SKIP
>>> get_results(coin).head(3)  # doctest: +SKIP

References
----------
Becker W. et al. (2022), "COINr: An R package for developing composite indicators",
*JOSS* 7(78), 4567, doi:10.21105/joss.04567.
OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, ISBN 978-92-64-04345-9.
"""

import importlib
from typing import Any

from ._aggregate import (
    AGGREGATORS,
    Aggregate,
    a_amean,
    a_copeland,
    a_genmean,
    a_gmean,
    a_hmean,
)
from ._audit import audit
from ._coherence import (
    cronbach_alpha,
    get_corr,
    get_corr_flags,
    get_cronbach,
    get_parent_corr,
    get_pca,
)
from ._coin import Coin, StepRecord, new_coin
from ._denominate import Denominate
from ._errors import (
    AggregationError,
    DataError,
    FrameworkError,
    IndicesError,
    NormalisationError,
    SpecError,
    TreatmentError,
)
from ._export import STAGES, export_coin
from ._framework import Framework
from ._impute import Impute, i_mean, i_mean_grp, i_median, i_median_grp
from ._indstats import get_stats
from ._io import read_coin, read_table
from ._normalise import (
    NORMALISERS,
    Normalise,
    n_borda,
    n_dist2max,
    n_dist2ref,
    n_dist2targ,
    n_fracmax,
    n_goalposts,
    n_minmax,
    n_prank,
    n_rank,
    n_scaled,
    n_zscore,
)
from ._panel import IMP_TYPES, Purse, build_purse, impute_panel
from ._pipeline import STEPS, Pipeline, PipelineSpec, load_spec
from ._profile import get_str_weak, unit_summary
from ._progress import ProgressCallback, TextProgress
from ._results import get_results, rank_scores
from ._screen import Screen
from ._sensitivity import SensitivityAnalysis, SensitivityResult, sobol_indices
from ._stats import check_skew_kurt, kurt, skew
from ._step import Step
from ._templates import efficiency_ratio, gii_framework, pii_framework
from ._treat import GII_TREAT_SPECS, Treat, log_CT, log_CT_orig, log_GII, winsorise
from ._uncertainty import UncertaintyAnalysis, UncertaintyResult
from ._vietnam import (
    compare_published,
    fold_name,
    pii_synthetic_idata,
    read_published_pii,
    to_34_provinces,
    vn_crosswalk,
    vn_provinces,
)
from ._weights import PCAWeights, effective_weights, equal_weights, noisy_weights
from ._whatif import change_ind, compare_coins, regen, remove_elements

# charts and reports import matplotlib (and WeasyPrint): loaded on first use
_LAZY = {
    "plot_choropleth_vn": "._charts",
    "plot_corr": "._charts",
    "plot_heatmap": "._charts",
    "plot_rank_intervals": "._charts",
    "plot_ranking": "._charts",
    "plot_unit_profile": "._charts",
    "write_report": "._report",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    # data model
    "Coin",
    "Framework",
    "StepRecord",
    "new_coin",
    "read_coin",
    "read_table",
    # build steps
    "Step",
    "Denominate",
    "Screen",
    "Impute",
    "Treat",
    "Normalise",
    "PCAWeights",
    "Aggregate",
    "Pipeline",
    "PipelineSpec",
    "STEPS",
    "load_spec",
    # methods (COINr names)
    "i_mean",
    "i_median",
    "i_mean_grp",
    "i_median_grp",
    "skew",
    "kurt",
    "check_skew_kurt",
    "winsorise",
    "log_CT",
    "log_CT_orig",
    "log_GII",
    "GII_TREAT_SPECS",
    "NORMALISERS",
    "n_minmax",
    "n_zscore",
    "n_scaled",
    "n_dist2max",
    "n_dist2ref",
    "n_dist2targ",
    "n_fracmax",
    "n_rank",
    "n_prank",
    "n_borda",
    "n_goalposts",
    "AGGREGATORS",
    "a_amean",
    "a_gmean",
    "a_hmean",
    "a_genmean",
    "a_copeland",
    # weights
    "equal_weights",
    "effective_weights",
    "noisy_weights",
    # uncertainty and sensitivity
    "UncertaintyAnalysis",
    "UncertaintyResult",
    "SensitivityAnalysis",
    "SensitivityResult",
    "sobol_indices",
    # progress of long runs
    "ProgressCallback",
    "TextProgress",
    # analysis
    "get_stats",
    "get_corr",
    "get_parent_corr",
    "get_corr_flags",
    "cronbach_alpha",
    "get_cronbach",
    "get_pca",
    "get_str_weak",
    "unit_summary",
    "audit",
    # what-if
    "regen",
    "change_ind",
    "remove_elements",
    "compare_coins",
    # panels
    "IMP_TYPES",
    "impute_panel",
    "Purse",
    "build_purse",
    # frameworks and Viet Nam
    "pii_framework",
    "gii_framework",
    "efficiency_ratio",
    "vn_provinces",
    "vn_crosswalk",
    "to_34_provinces",
    "fold_name",
    "read_published_pii",
    "compare_published",
    "pii_synthetic_idata",
    # charts and reports
    "plot_ranking",
    "plot_heatmap",
    "plot_rank_intervals",
    "plot_corr",
    "plot_unit_profile",
    "plot_choropleth_vn",
    "write_report",
    # results
    "get_results",
    "rank_scores",
    "export_coin",
    "STAGES",
    # errors
    "IndicesError",
    "FrameworkError",
    "DataError",
    "SpecError",
    "TreatmentError",
    "NormalisationError",
    "AggregationError",
]
