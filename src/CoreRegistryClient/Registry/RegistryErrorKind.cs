namespace CoreRegistryClient.Registry;

/// <summary>What went wrong talking to the registry.</summary>
public enum RegistryErrorKind
{
    /// <summary>The schema (or version) does not exist (404).</summary>
    NotFound,
    /// <summary>The request timed out.</summary>
    Timeout,
    /// <summary>The registry could not be reached (DNS, connection refused, reset).</summary>
    Network,
    /// <summary>401/403: the token is missing, wrong or lacks the right.</summary>
    Unauthorized,
    /// <summary>5xx (or 408/429) after retries.</summary>
    Server,
    /// <summary>The response was not the JSON the contract promises.</summary>
    InvalidResponse,
    /// <summary>The circuit breaker is open after repeated failures; no request was sent.</summary>
    CircuitOpen,
    /// <summary>The client is not configured for the call (e.g. an admin call without a token); no request was sent.</summary>
    Configuration,
    /// <summary>The registry refused the request itself (a 4xx other than 401, 403 and 404, e.g. an invalid publish); retrying will not help.</summary>
    Rejected,
    /// <summary>The registry redirected the request to another origin (scheme, host or port) and cross-origin
    /// redirects are not allowed (<c>AllowCrossOriginRedirects</c>); nothing was fetched from there.</summary>
    RedirectRefused,
}
