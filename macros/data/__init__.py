"""The data stage: read data/*.yaml, check it against the typed models and the rules, and hand on a Dataset.

Nothing here knows about pages, markup or reports; every later stage imports from here.
"""

from macros.data.dataset import Dataset, Listing
from macros.data.problems import DataError, Problem
from macros.data.validate import check_files, load_dataset, review_dataset, review_files

__all__ = ["DataError", "Dataset", "Listing", "Problem", "check_files", "load_dataset", "review_dataset", "review_files"]
