import "server-only";
import { aadFor, decryptField, encryptField } from "@/lib/crypto/field-encryption";

// Call notes are free text an agent types while a caller talks: they may hold anything, so they are encrypted at
// rest, bound to the note's id and its case (a value moved to another row does not open).

const noteAad = (noteId: string, caseId: string) => aadFor("console_notes", "note", `${noteId}:${caseId}`);

export const sealNote = (text: string, noteId: string, caseId: string) => encryptField(text, noteAad(noteId, caseId));
export const openNote = (value: string, noteId: string, caseId: string) => decryptField(value, noteAad(noteId, caseId));
