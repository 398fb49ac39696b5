import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAccounts from './en.accounts.json';
import enDirectives from './en.directives.json';
import en from './en.json';
import enScores from './en.scores.json';
import viAccounts from './vi.accounts.json';
import viDirectives from './vi.directives.json';
import vi from './vi.json';
import viScores from './vi.scores.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'giamsat.language';

function storedLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'vi';
}

type Messages = { [key: string]: string | Messages };

/** The directive, score and account screens keep their strings in their own files; a key already in the base file wins. */
function mergeMessages(base: Messages, extra: Messages): Messages {
  const merged: Messages = { ...extra };
  for (const [key, value] of Object.entries(base)) {
    const other = merged[key];
    merged[key] = typeof value === 'object' && typeof other === 'object' ? mergeMessages(value, other) : value;
  }
  return merged;
}

// Vietnamese is the language of the users and of the directives; English is second.
void i18n.use(initReactI18next).init({
  resources: {
    vi: { translation: mergeMessages(mergeMessages(mergeMessages(vi, viDirectives), viScores), viAccounts) },
    en: { translation: mergeMessages(mergeMessages(mergeMessages(en, enDirectives), enScores), enAccounts) },
  },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (language) => {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
});
document.documentElement.lang = i18n.language;

export default i18n;
