"""RFC 3161 time-stamp protocol: requests, checked replies, trusted roots."""
