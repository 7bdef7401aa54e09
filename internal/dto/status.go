package dto

// StatusDTO tells the frontend whether the store opened, and where it is.
type StatusDTO struct {
	Ready   bool   `json:"ready"`
	Problem string `json:"problem"`
	DBPath  string `json:"dbPath"`
}
