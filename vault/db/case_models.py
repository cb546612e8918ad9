"""Tables of the case analysis (backup events, complaints); see revision 0002."""
