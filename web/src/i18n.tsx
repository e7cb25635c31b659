// Korean and English, switchable; the browser's language decides the first time.
import { createContext, type ReactNode, useContext, useMemo, useState } from "react";

const en = {
  appName: "Pingvas Gallery",
  signIn: "Sign in",
  signOut: "Sign out",
  email: "E-mail",
  plan: "Plan",
  signInLocal: "Local sign-in (development)",
  myImages: "My images",
  favourites: "Favourites",
  folders: "Folders",
  tags: "Tags",
  search: "Search prompts (Korean or English)",
  sortNewest: "Newest",
  sortOldest: "Oldest",
  sortRelevance: "Relevance",
  noImages: "No images yet: drop some here.",
  noResults: "Nothing matches.",
  loading: "Loading…",
  favourite: "Favourite",
  unfavourite: "Remove from favourites",
  storage: "Storage",
  unlimited: "unlimited",
  upload: "Upload",
  dropHere: "Drop images here or choose files",
  uploading: "Uploading",
  processing: "Processing",
  ready: "Ready",
  rejected: "Rejected",
  duplicate: "Already in your gallery",
  quotaExceeded: "Not enough storage left on your plan",
  tooLarge: "The file is too large",
  unsupported: "Not a PNG, JPEG, WebP or AVIF image",
  close: "Close",
  copyPrompt: "Copy prompt",
  copied: "Copied",
  prompt: "Prompt",
  negativePrompt: "Negative prompt",
  model: "Model",
  size: "Size",
  seed: "Seed",
  download: "Download",
  language: "한국어",
  results: "results",
  images: "images",
  share: "Share",
  permission: "Permission",
  viewOnly: "View only",
  allowDownload: "View and download",
  expiry: "Expires",
  custom: "Custom",
  never: "Never",
  hours: "Hours",
  maxViews: "Max views",
  password: "Password",
  showMetadata: "Show prompt and settings",
  createLink: "Create link",
  link: "Link",
  copy: "Copy",
  links: "Links",
  active: "active",
  expired: "expired",
  revoked: "revoked",
  exhausted: "used up",
  views: "views",
  revoke: "Revoke",
  addTag: "Add a tag",
  folder: "Folder",
  noFolder: "No folder",
  public: "Public",
  delete: "Delete",
  newFolder: "New folder",
  folderName: "Folder name",
  passwordRequired: "This link is protected by a password",
  open: "Open",
  linkGone: "This link does not exist or is no longer available.",
  wrongPassword: "Wrong password",
  tooManyAttempts: "Too many attempts: try again later",
  sharedWithYou: "Shared with you",
  trash: "Trash",
  emptyTrash: "Empty the trash for good",
  workspaces: "Workspaces",
  newWorkspace: "New workspace",
  members: "Members",
  role: "Role",
  role_viewer: "viewer",
  role_downloader: "downloader",
  role_editor: "editor",
  role_owner: "owner",
  remove: "Remove",
  addMember: "Add member",
  select: "Select",
  selected: "selected",
  restore: "Restore",
  moveTo: "Move to",
  shareToWorkspace: "Share into",
  clearSelection: "Clear",
} as const;

export type MessageKey = keyof typeof en;

const ko: Record<MessageKey, string> = {
  appName: "핑바스 갤러리",
  signIn: "로그인",
  signOut: "로그아웃",
  email: "이메일",
  plan: "요금제",
  signInLocal: "로컬 로그인 (개발용)",
  myImages: "내 이미지",
  favourites: "즐겨찾기",
  folders: "폴더",
  tags: "태그",
  search: "프롬프트 검색 (한국어 또는 영어)",
  sortNewest: "최신순",
  sortOldest: "오래된순",
  sortRelevance: "관련도순",
  noImages: "아직 이미지가 없습니다. 여기에 끌어다 놓으세요.",
  noResults: "일치하는 이미지가 없습니다.",
  loading: "불러오는 중…",
  favourite: "즐겨찾기",
  unfavourite: "즐겨찾기 해제",
  storage: "저장 공간",
  unlimited: "무제한",
  upload: "업로드",
  dropHere: "이미지를 끌어다 놓거나 파일을 선택하세요",
  uploading: "업로드 중",
  processing: "처리 중",
  ready: "완료",
  rejected: "거부됨",
  duplicate: "이미 갤러리에 있습니다",
  quotaExceeded: "요금제의 저장 공간이 부족합니다",
  tooLarge: "파일이 너무 큽니다",
  unsupported: "PNG, JPEG, WebP, AVIF 이미지가 아닙니다",
  close: "닫기",
  copyPrompt: "프롬프트 복사",
  copied: "복사됨",
  prompt: "프롬프트",
  negativePrompt: "네거티브 프롬프트",
  model: "모델",
  size: "크기",
  seed: "시드",
  download: "다운로드",
  language: "English",
  results: "개 결과",
  images: "개 이미지",
  share: "공유",
  permission: "권한",
  viewOnly: "보기만",
  allowDownload: "보기 및 다운로드",
  expiry: "만료",
  custom: "직접 입력",
  never: "만료 없음",
  hours: "시간",
  maxViews: "최대 조회수",
  password: "비밀번호",
  showMetadata: "프롬프트와 설정 표시",
  createLink: "링크 만들기",
  link: "링크",
  copy: "복사",
  links: "링크 목록",
  active: "활성",
  expired: "만료됨",
  revoked: "취소됨",
  exhausted: "조회수 소진",
  views: "회 조회",
  revoke: "취소",
  addTag: "태그 추가",
  folder: "폴더",
  noFolder: "폴더 없음",
  public: "공개",
  delete: "삭제",
  newFolder: "새 폴더",
  folderName: "폴더 이름",
  passwordRequired: "비밀번호로 보호된 링크입니다",
  open: "열기",
  linkGone: "존재하지 않거나 더 이상 사용할 수 없는 링크입니다.",
  wrongPassword: "비밀번호가 틀렸습니다",
  tooManyAttempts: "시도가 너무 많습니다. 나중에 다시 시도하세요",
  sharedWithYou: "공유된 이미지",
  trash: "휴지통",
  emptyTrash: "휴지통 비우기 (영구 삭제)",
  workspaces: "워크스페이스",
  newWorkspace: "새 워크스페이스",
  members: "멤버",
  role: "역할",
  role_viewer: "보기",
  role_downloader: "다운로드",
  role_editor: "편집",
  role_owner: "소유자",
  remove: "제거",
  addMember: "멤버 추가",
  select: "선택",
  selected: "개 선택됨",
  restore: "복원",
  moveTo: "이동",
  shareToWorkspace: "워크스페이스에 공유",
  clearSelection: "선택 해제",
};

export type Language = "ko" | "en";
const MESSAGES: Record<Language, Record<MessageKey, string>> = { en, ko };

export function browserLanguage(): Language {
  const stored = sessionStorage.getItem("pingvas.language");
  if (stored === "ko" || stored === "en") return stored;
  return navigator.language.toLowerCase().startsWith("ko") ? "ko" : "en";
}

interface I18n {
  language: Language;
  t: (key: MessageKey | `role_${string}`) => string;
  setLanguage: (language: Language) => void;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguageState] = useState<Language>(initial ?? browserLanguage());
  const value = useMemo<I18n>(
    () => ({
      language,
      t: (key) => MESSAGES[language][key as MessageKey] ?? key,
      setLanguage: (next) => {
        sessionStorage.setItem("pingvas.language", next);
        document.documentElement.lang = next;
        setLanguageState(next);
      },
    }),
    [language],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
