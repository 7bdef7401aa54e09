package care

// The history screen's words for the changes sync makes, kept apart from
// sync.go's constants as status.go keeps its own.
func init() {
	HistoryActions = append(HistoryActions,
		Choice{Value: ActionFromServer, Label: "Changed on the FHIR server"},
		Choice{Value: ActionSettleConflict, Label: "Settled a sync conflict"})
}
