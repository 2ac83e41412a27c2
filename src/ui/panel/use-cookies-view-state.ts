import { useState } from 'preact/hooks';

/** The Cookies view's own state, held by the shell so the filter and selection survive switching views. */
export function useCookiesViewState() {
  const [filterText, setFilterText] = useState('');
  const [onlyIssues, setOnlyIssues] = useState(false);
  const [selectedKey, setSelectedKey] = useState<string>();
  const [detailOpen, setDetailOpen] = useState(true);
  return { filterText, setFilterText, onlyIssues, setOnlyIssues, selectedKey, setSelectedKey, detailOpen, setDetailOpen };
}

export type CookiesViewState = ReturnType<typeof useCookiesViewState>;
