"""Stores hold the graph: the embedded LadybugDB database (default) or a Neo4j server.

A store is chosen by name and its module imported only when used, so the
Neo4j driver loads only for Neo4j.
"""

from __future__ import annotations

from importlib import import_module

from kg.stores.base import Store, StoreError

STORES = {
    "ladybug": "kg.stores.ladybug:open_ladybug",
    "neo4j": "kg.stores.neo4j:open_neo4j",
}


def open_store(name: str, location: str, read_only: bool = False, **options) -> Store:
    """Open the store `name` ("ladybug" or "neo4j") at `location` (a folder or a bolt:// URI)."""
    try:
        module, func = STORES[name].split(":")
    except KeyError:
        raise StoreError(f"unknown store {name!r}; choose from {', '.join(STORES)}") from None
    return getattr(import_module(module), func)(location, read_only=read_only, **options)


__all__ = ["STORES", "Store", "StoreError", "open_store"]
