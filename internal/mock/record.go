package mock

import (
	"context"

	"whatmatters/internal/care"
)

var _ care.RecordService = (*RecordService)(nil)
var _ care.SettingsService = (*SettingsService)(nil)

// RecordService is a care.RecordService whose methods call the matching
// function field.
type RecordService struct {
	FindRecordFn  func(ctx context.Context, personID int64) (*care.Record, error)
	SaveFieldsFn  func(ctx context.Context, personID int64, section, action string, changes []care.FieldChange) error
	SaveItemFn    func(ctx context.Context, item *care.Item) error
	RemoveItemFn  func(ctx context.Context, personID, itemID int64, version int) error
	FindHistoryFn func(ctx context.Context, personID int64, offset, limit int) ([]*care.HistoryEntry, int, error)
	RestoreFn     func(ctx context.Context, personID, historyID int64) error
	FindNamesFn   func(ctx context.Context, personID int64) (*care.Names, error)
}

// FindRecord calls FindRecordFn.
func (s *RecordService) FindRecord(ctx context.Context, personID int64) (*care.Record, error) {
	return s.FindRecordFn(ctx, personID)
}

// SaveFields calls SaveFieldsFn.
func (s *RecordService) SaveFields(ctx context.Context, personID int64, section, action string, changes []care.FieldChange) error {
	return s.SaveFieldsFn(ctx, personID, section, action, changes)
}

// SaveItem calls SaveItemFn.
func (s *RecordService) SaveItem(ctx context.Context, item *care.Item) error {
	return s.SaveItemFn(ctx, item)
}

// RemoveItem calls RemoveItemFn.
func (s *RecordService) RemoveItem(ctx context.Context, personID, itemID int64, version int) error {
	return s.RemoveItemFn(ctx, personID, itemID, version)
}

// FindHistory calls FindHistoryFn.
func (s *RecordService) FindHistory(ctx context.Context, personID int64, offset, limit int) ([]*care.HistoryEntry, int, error) {
	return s.FindHistoryFn(ctx, personID, offset, limit)
}

// Restore calls RestoreFn.
func (s *RecordService) Restore(ctx context.Context, personID, historyID int64) error {
	return s.RestoreFn(ctx, personID, historyID)
}

// FindNames calls FindNamesFn.
func (s *RecordService) FindNames(ctx context.Context, personID int64) (*care.Names, error) {
	return s.FindNamesFn(ctx, personID)
}

// SettingsService is a care.SettingsService whose methods call the
// matching function field.
type SettingsService struct {
	FindSettingFn func(ctx context.Context, key string) (string, error)
	SetSettingsFn func(ctx context.Context, kv map[string]string) error
}

// FindSetting calls FindSettingFn.
func (s *SettingsService) FindSetting(ctx context.Context, key string) (string, error) {
	return s.FindSettingFn(ctx, key)
}

// SetSettings calls SetSettingsFn.
func (s *SettingsService) SetSettings(ctx context.Context, kv map[string]string) error {
	return s.SetSettingsFn(ctx, kv)
}
