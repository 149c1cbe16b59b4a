/** Point the real AWS SDK at local fake servers with dummy credentials (per test file). */
export function useFakeAws(endpoints: Readonly<Record<string, string>>): void {
  process.env.AWS_REGION = "us-east-1";
  process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  for (const [name, url] of Object.entries(endpoints)) process.env[name] = url;
}
