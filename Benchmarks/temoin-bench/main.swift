// temoin-bench: `make bench` (Docs/PERFORMANCE.md).
print("temoin-bench: not implemented yet")
