"""Drift statistics for `stylelint compare`: did a feature move more than chance would move it?

For each style feature, the values of the BEFORE images and of the AFTER images are compared:

- **Test**: the two-sided Mann–Whitney U test (Wilcoxon rank-sum), exact for small sets without
  ties and the normal approximation with tie and continuity corrections otherwise (scipy's
  `mannwhitneyu`, method "auto"). It assumes nothing about the shape of the distributions
  (shares of clipped pixels are skewed and full of zeros; colour temperatures are skewed), and
  the images of a set are treated as exchangeable draws of that set's style.
- **Paired design**: when both sets hold the same file names (the same scenes before and after
  a re-grade, or the same prompts through two generator versions), image i of AFTER is compared
  with image i of BEFORE by the two-sided Wilcoxon signed-rank test of the differences, which
  removes the scenes' own spread and finds far smaller changes; the effect size is then the
  matched-pairs rank-biserial correlation r (Kerby 2014), on the same [−1, 1] scale as δ.
- **Many features at once**: p-values are adjusted by Holm's step-down method, which keeps the
  family-wise error rate (the chance that *any* feature is called drifted when none moved) at
  `ALPHA` whatever the dependence between features (Holm 1979). `p_value` in the report is the
  adjusted one; `p_raw` the test's own.
- **Effect size**: Cliff's δ = P(after > before) − P(after < before) = 2U / (n₁n₂) − 1, in
  [−1, 1]: 0 when the sets overlap completely, ±1 when every AFTER value lies beyond every
  BEFORE value (Cliff 1993).
- **Floors**: with thousands of images a shift nobody can see becomes "significant". A feature
  is called drifted (`significant`) only when its adjusted p-value is below `ALPHA` **and**
  |δ| ≥ `MIN_EFFECT` (0.147, the "small" threshold of Romano et al. 2006) **and** the shift of
  the medians is at least the feature's just-noticeable difference (its `jnd`, e.g. 1 L*,
  100 K, see `stylelint.compare`).

References: Mann, H. B. & Whitney, D. R. (1947), Ann. Math. Statist. 18(1), 50–60; Holm, S.
(1979), "A simple sequentially rejective multiple test procedure", Scand. J. Statist. 6, 65–70;
Wilcoxon, F. (1945), Biometrics Bull. 1(6), 80–83; Cliff, N. (1993), "Dominance statistics",
Psychol. Bull. 114(3), 494–509; Kerby, D. S. (2014), "The simple difference formula",
Compr. Psychol. 3, 11.IT.3.1; Romano, J. et al.
(2006), "Appropriate statistics for ordinal level data", annual meeting of the Florida
Association of Institutional Research.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# Family-wise error rate: the conventional 5 %.
ALPHA = 0.05
# |Cliff's δ| below 0.147 is "negligible" (Romano et al. 2006; ≈ Cohen's d of 0.2 for normal data).
MIN_EFFECT = 0.147
# Percentiles reported beside the median.
LOW_PERCENTILE, HIGH_PERCENTILE = 5.0, 95.0
# Significant digits kept for p-values (enough to compare with ALPHA; deterministic text).
_P_DIGITS = 4


@dataclass(frozen=True)
class Spread:
    """A set's distribution of one feature: median and the 5th and 95th percentiles."""

    median: float
    p5: float
    p95: float

    def to_dict(self, decimals: int) -> dict[str, float]:
        """JSON form, rounded to `decimals`."""
        return {k: round(getattr(self, k), decimals) for k in ("median", "p5", "p95")}


@dataclass(frozen=True)
class Test:
    """One feature's test: Cliff's δ (after vs before), the raw two-sided p-value."""

    effect_size: float
    p_raw: float


def spread(values: npt.ArrayLike) -> Spread:
    """Median, P5 and P95 of `values` (at least one value)."""
    p5, median, p95 = np.percentile(np.asarray(values, dtype=np.float64), [LOW_PERCENTILE, 50.0, HIGH_PERCENTILE])
    return Spread(float(median), float(p5), float(p95))


def rank_test(before: npt.ArrayLike, after: npt.ArrayLike) -> Test:
    """Two-sided Mann–Whitney U test of AFTER against BEFORE, with Cliff's δ.

    Parameters
    ----------
    before, after : array_like, shape (n₁,), (n₂,)
        One feature's values in each set (finite numbers, at least one each).

    Returns
    -------
    Test
        δ in [−1, 1] (positive: AFTER tends higher) and the two-sided p-value in [0, 1]
        (1.0 when every value of both sets is equal: nothing can be told apart).
    """
    from scipy.stats import mannwhitneyu

    x, y = np.asarray(after, dtype=np.float64), np.asarray(before, dtype=np.float64)
    if np.ptp(np.concatenate([x, y])) == 0:
        return Test(0.0, 1.0)
    result = mannwhitneyu(x, y, alternative="two-sided", method="auto")
    delta = 2.0 * float(result.statistic) / (len(x) * len(y)) - 1.0
    return Test(delta, min(1.0, float(result.pvalue)))


def paired_test(before: npt.ArrayLike, after: npt.ArrayLike) -> Test:
    """Two-sided Wilcoxon signed-rank test of AFTER − BEFORE over matched images, with the
    matched-pairs rank-biserial correlation as effect size.

    Parameters
    ----------
    before, after : array_like, shape (n,)
        One feature's values of the same n images (matched by name) in each set.

    Returns
    -------
    Test
        r = (R₊ − R₋) / (R₊ + R₋) in [−1, 1], where R₊ and R₋ sum the ranks of |d| over the
        positive and negative differences d (zeros dropped, Wilcoxon's convention; Kerby 2014),
        and the two-sided p-value (1.0 when every difference is zero).
    """
    from scipy.stats import rankdata, wilcoxon

    differences = np.asarray(after, dtype=np.float64) - np.asarray(before, dtype=np.float64)
    differences = differences[differences != 0]
    if len(differences) == 0:
        return Test(0.0, 1.0)
    ranks = rankdata(np.abs(differences))
    effect = float((ranks[differences > 0].sum() - ranks[differences < 0].sum()) / ranks.sum())
    result = wilcoxon(differences, alternative="two-sided", method="auto")
    return Test(effect, min(1.0, float(result.pvalue)))


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values (same order as given), each in [0, 1].

    The i-th smallest of m p-values is multiplied by (m − i + 1), and the adjusted values are
    made non-decreasing in that order; reject where the adjusted value is below ALPHA.

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03])
    [0.03, 0.06, 0.06]
    """
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    adjusted = [0.0] * len(p_values)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


def is_drift(p_adjusted: float, effect_size: float, shift: float, jnd: float) -> bool:
    """Significant after Holm, not a negligible effect, and a shift of at least one JND."""
    return p_adjusted < ALPHA and abs(effect_size) >= MIN_EFFECT and abs(shift) >= jnd


def smallest_p(n_before: int, n_after: int, *, paired: bool = False) -> float:
    """The smallest two-sided p-value the exact test can give for these set sizes:
    2 / C(n₁ + n₂, n₁) (rank-sum), 2 / 2ⁿ (signed-rank over n pairs). When it times the number
    of features is not below ALPHA, Holm's method can show no drift at all."""
    if paired:
        return min(1.0, 2.0 / 2.0**n_before)
    return min(1.0, 2.0 / math.comb(n_before + n_after, n_before))


def rounded_p(p: float) -> float:
    """A p-value to `_P_DIGITS` significant digits."""
    return float(f"{p:.{_P_DIGITS}g}")


def robust_distance(
    values: npt.NDArray[np.float64], centre: npt.NDArray[np.float64], scale: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Root-mean-square robust z of each row of `values` (n, k) against `centre` and `scale` (k,):
    how far each image sits from a set's typical image, in its spread (NaN features left out)."""
    z = (values - centre) / scale
    return np.sqrt(np.nanmean(z**2, axis=1))


def robust_centre(values: npt.NDArray[np.float64], floors: npt.NDArray[np.float64]) -> tuple[np.ndarray, np.ndarray]:
    """Per-feature median and 1.4826 · max(MAD, floor) of `values` (n, k), NaN ignored."""
    median = np.nanmedian(values, axis=0)
    mad = np.nanmedian(np.abs(values - median), axis=0)
    return median, 1.4826 * np.maximum(mad, floors)
