"""kg: a knowledge graph of development programmes and outcomes."""

from importlib import resources
from pathlib import Path


def shipped(folder: str):
    """The package's `schema` or `queries` folder: installed package data, or the checkout's own folder."""
    try:
        return resources.files(f"kg.{folder}")
    except ModuleNotFoundError:  # an editable install runs from the source tree
        return Path(__file__).resolve().parent.parent / folder
