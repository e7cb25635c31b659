// A share link's visitor's calls (the page at /s/{token}, signed out): not the dashboard's
// first screen, so not in api.ts; and the ZIP a folder link's visitor asks for.
import { answer, apiClient, type ShareAccess, type SharedPage } from "./api";
import type { Exporter } from "./components/ZipExport";

/** A share link's visitor: no account; the link's access grant, once given, in X-Share-Grant. */
export class ShareVisitor {
  private readonly client;

  constructor(
    private readonly shareToken: string,
    base = "",
  ) {
    this.client = apiClient(base);
  }

  /** The link's page: a view counted, and a grant, unless a grant is sent; a folder's
   * next page with its cursor (and the grant). */
  open(grant: string | null, cursor?: string | null): Promise<SharedPage> {
    return answer(this.client.GET("/api/v1/shares/{share_token}", {
      params: { path: { share_token: this.shareToken }, query: { cursor } },
      headers: grant ? { "X-Share-Grant": grant } : {},
    }));
  }

  /** A ZIP of a folder or smart-folder link's images (a link that allows downloads), with
   * the access grant the page gave; the metadata goes in when the link shows it. */
  archive(grant: string | null): Exporter {
    const query = { grant: grant ?? undefined };
    const path = { share_token: this.shareToken };
    return {
      start: () => answer(this.client.POST("/api/v1/shares/{share_token}/exports", { params: { path, query } })),
      status: (exportId) => answer(this.client.GET("/api/v1/shares/{share_token}/exports/{export_id}", {
        params: { path: { ...path, export_id: exportId }, query },
      })),
    };
  }

  access(password: string): Promise<ShareAccess> {
    return answer(this.client.POST("/api/v1/shares/{share_token}/access", {
      params: { path: { share_token: this.shareToken } }, body: { password },
    }));
  }
}
