"""Collection-conduct rule packs (data files) and the violation detector."""
