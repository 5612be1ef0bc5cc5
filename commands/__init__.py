"""Platform-free command logic: plain values in, Reply out."""
