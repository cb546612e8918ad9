"""Tables of trusted time (checkpoints, timestamp requests and tokens); see revision 0003."""
