/** Ready-to-paste examples for a new key, against this app's real base URL. */

export function curlSnippet(baseUrl: string, key: string): string {
  return [
    `curl "${baseUrl}/api/v1/search?bbox=-122.5,37.5,-122.0,38.0&datetime=2025-01-01/2025-02-01&cloud_cover_lt=20&limit=5" \\`,
    `  -H "Authorization: Bearer ${key}"`,
  ].join('\n');
}

export function pythonSnippet(baseUrl: string, key: string): string {
  return [
    'import requests',
    '',
    'response = requests.get(',
    `    "${baseUrl}/api/v1/search",`,
    '    params={"bbox": "-122.5,37.5,-122.0,38.0", "datetime": "2025-01-01/2025-02-01", "cloud_cover_lt": 20, "limit": 5},',
    `    headers={"Authorization": "Bearer ${key}"},`,
    ')',
    'data = response.json()',
    'print(f"Found {data[\'context\'][\'matched\']} scenes")',
    'for feature in data["features"]:',
    '    print(f" {feature[\'id\']} — {feature[\'properties\'][\'datetime\']}")',
  ].join('\n');
}

/** The base URL scripts should use: the API's origin, without a trailing slash. */
export function baseUrlOf(apiBase: string): string {
  return new URL(apiBase).origin;
}
