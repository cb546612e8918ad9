"""The bundle's trusted-time parts, until they move beside export and verify."""
