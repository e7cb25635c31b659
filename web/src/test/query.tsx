// Components that read server state need a QueryClient: a fresh one per test (no answer
// cached across tests), with the app's defaults.
import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";

import { newQueryClient } from "../queries";

export function QueryWrapper({ children }: { children: ReactNode }) {
  const [client] = useState(() => {
    const made = newQueryClient();
    // the app's retries, without their back-off's seconds of waiting
    made.setDefaultOptions({ queries: { ...made.getDefaultOptions().queries, retryDelay: 0 } });
    return made;
  });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
