package care

import "strings"

// The NHS services for people who cannot phone in the usual way.
const (
	NHS111BSL = "the NHS 111 British Sign Language service (signvideo.co.uk/nhs111)"
	TextRelay = "text relay (Relay UK: dial 18001 before the number, or 18001 111 for NHS 111)"
)

// Messages of the phoning check.
const (
	phoneCheckBSL   = "The crisis plan asks the person to phone, but they use British Sign Language. Add " + NHS111BSL + " or " + TextRelay
	phoneCheckDeaf  = "The crisis plan asks the person to phone, but they may not hear well on the phone. Add " + TextRelay + " or " + NHS111BSL
	phoneCheckPhone = "The crisis plan asks the person to phone, but they cannot use the phone. Add " + TextRelay + ", or another way to get help"
)

// phoneCheck warns when the crisis plan tells someone to phone who is
// Deaf (a need for a British Sign Language interpreter, a lip-speaker or a
// hearing loop) or cannot use the phone, and the plan does not already give
// another way (text relay, signvideo, text messages). "" if all is well.
func phoneCheck(r *Record) string {
	own := map[string]bool{}
	var said []string
	for _, n := range r.CommunicationNeeds() {
		if n.ForWhom == 0 {
			own[n.Need] = true
			said = append(said, n.Detail)
		}
	}
	said = append(said, r.AboutMe().Communicate, r.AboutMe().CommunicateNote)
	var msg string
	switch {
	case own[NeedBSL]:
		msg = phoneCheckBSL
	case own[NeedLipSpeaker] || own[NeedHearingLoop]:
		msg = phoneCheckDeaf
	case cannotPhone(said...):
		msg = phoneCheckPhone
	default:
		return ""
	}
	crisis := r.Crisis()
	plan := crisis.WhatToDo + "\n" + crisis.Coping + "\n" + crisis.AdvanceStatement
	phones := tellsToPhone(crisis.WhatToDo) || tellsToPhone(crisis.Coping)
	for _, c := range r.CrisisContacts() {
		plan += "\n" + c.Name
		phones = phones || strings.TrimSpace(c.Phone) != ""
	}
	if !phones || hasAnotherWay(plan) {
		return ""
	}
	return msg
}

// words splits s into lower-case words, apostrophes kept.
func words(s string) []string {
	s = strings.ReplaceAll(strings.ToLower(s), "’", "'")
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'' || r > 127)
	})
}

// tellsToPhone reports whether s asks someone to phone.
func tellsToPhone(s string) bool {
	for _, w := range words(s) {
		switch w {
		case "phone", "phones", "phoning", "phoned", "telephone", "call", "calls", "calling", "ring", "rings", "ringing",
			"dial", "111", "999":
			return true
		}
	}
	return false
}

// hasAnotherWay reports whether s already gives a way to get help that
// does not need hearing on the phone.
func hasAnotherWay(s string) bool {
	low := strings.ToLower(s)
	for _, w := range []string{"18001", "relay", "signvideo", "sign video", "bsl", "british sign language", "text message", "textphone", "sms", "999 bsl", "emergencysms"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	for _, w := range words(s) {
		if w == "text" || w == "texts" || w == "texting" {
			return true
		}
	}
	return false
}

// cannotPhone reports whether any of texts says, in one sentence, that the
// person cannot use the phone ("She can't hear on the phone").
func cannotPhone(texts ...string) bool {
	for _, t := range texts {
		for _, sentence := range strings.FieldsFunc(t, func(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '\n' || r == ';' }) {
			phone, not := false, false
			for _, w := range words(sentence) {
				switch w {
				case "phone", "phones", "telephone":
					phone = true
				case "cannot", "can't", "cant", "not", "unable", "doesn't", "won't", "never", "no":
					not = true
				}
			}
			if phone && not {
				return true
			}
		}
	}
	return false
}
