package backup

// Tests use a cheap scrypt cost: the real one takes a second and 256 MB.
func init() { scryptWorkFactor = 10 }
