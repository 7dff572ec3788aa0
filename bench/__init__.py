"""Benchmarks: `make bench` runs them (see bench/README.md)."""
