using CoreRegistryClient.AspNetCore.Policy;
using CoreRegistryClient.AspNetCore.Responses;
using CoreRegistryClient.AspNetCore.Telemetry;
using CoreRegistryClient.Enforcement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.AspNetCore.Validation;

/// <summary>Validates one request's body before the endpoint binds it: decides the mode, buffers the body once,
/// asks the SDK, sets the headers, records the metrics, and either lets the request through (with the buffered
/// body in place of the original stream) or answers with a problem response.</summary>
/// <remarks>Never throws for anything a client can send: unreadable bodies end the request with a status or an
/// abort, and the handler is not called.</remarks>
internal sealed class RequestSchemaValidator(
    HttpValidationPolicy policy,
    ISchemaManager manager,
    HttpValidationMetrics metrics,
    DeprecationDates deprecations,
    TimeProvider time,
    ILogger<RequestSchemaValidator> logger)
{
    private static readonly IReadOnlyList<SchemaValidationError> EmptyBodyErrors =
        [new SchemaValidationError("", "", "required", "The request body is empty; a JSON document matching the schema is required.")];

    private readonly SchemaMissingLog _missingLog = new(time);

    /// <summary>The endpoint's request delegate, validating first.</summary>
    public RequestDelegate Wrap(RequestDelegate next) => context =>
    {
        var validation = ValidateAsync(context);
        if (!validation.IsCompletedSuccessfully) return ContinueAsync(validation, next, context);
        return validation.Result ? next(context) : Task.CompletedTask;
    };

    /// <summary>True when the request goes on to the endpoint; false when a response (or an abort) ended it.</summary>
    public async ValueTask<bool> ValidateAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IValidateSchemaMetadata>() is not { } metadata) return true;
        // Once per request, whichever of the endpoint wrapper and the MVC filter comes first.
        if (context.Features.Get<ISchemaValidationFeature>() is not null) return true;

        var rule = policy.Current.For(endpoint, metadata);
        var (mode, canary) = rule.ModeFor(context.Request);
        if (mode == EnforcementMode.Off)
        {
            context.Features.Set<ISchemaValidationFeature>(SchemaValidationFeature.Off);
            return true;
        }

        var request = context.Request;
        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength != 0;
        if (canHaveBody && request.ContentLength != 0 && !JsonMediaType.IsUtf8Json(request.ContentType))
        {
            return await NotValidatedAsync(context, rule, mode, canary, HttpValidationResult.UnsupportedMediaType, body: null).ConfigureAwait(false);
        }

        RequestBody body;
        try
        {
            body = canHaveBody ? await RequestBody.ReadAsync(request, rule.MaxBodySize, context.RequestAborted).ConfigureAwait(false) : RequestBody.Empty;
        }
        catch (BadHttpRequestException exception)
        {
            return Unreadable(context, rule, exception.StatusCode, exception.Message);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            return Unreadable(context, rule, 0, "the client went away");
        }

        if (body.IsTooLarge)
        {
            return await NotValidatedAsync(context, rule, mode, canary, HttpValidationResult.TooLarge, body).ConfigureAwait(false);
        }

        SchemaValidationOutcome outcome;
        var start = metrics.MeasuresDuration ? TimeProvider.System.GetTimestamp() : 0;
        try
        {
            outcome = await manager.EvaluateAsync(rule.SchemaName, body.Memory, mode, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            body.Dispose();
            return Unreadable(context, rule, 0, "the client went away while the schema loaded");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An SDK bug must not turn into a 500 for every request: treated as an unavailable schema.
            logger.ValidationFailedUnexpectedly(rule.Telemetry.Label, rule.SchemaName, exception);
            outcome = default;
        }

        metrics.Duration(rule.Telemetry, start);
        var (result, errors) = Classify(outcome, body.Length == 0);
        return await ConcludeAsync(context, rule, mode, canary, result, outcome, errors, body).ConfigureAwait(false);
    }

    private (HttpValidationResult Result, IReadOnlyList<SchemaValidationError> Errors) Classify(in SchemaValidationOutcome outcome, bool emptyBody) => outcome.Status switch
    {
        SchemaValidationStatus.Valid => (HttpValidationResult.Valid, []),
        SchemaValidationStatus.Invalid when emptyBody => (HttpValidationResult.Invalid, EmptyBodyErrors),
        SchemaValidationStatus.Invalid when outcome.ReadError != PayloadReadError.None => (HttpValidationResult.Malformed, outcome.Errors),
        SchemaValidationStatus.Invalid => (HttpValidationResult.Invalid, outcome.Errors),
        SchemaValidationStatus.SchemaNotFound => (HttpValidationResult.SchemaNotFound, []),
        SchemaValidationStatus.Unavailable => (HttpValidationResult.Unavailable, []),
        SchemaValidationStatus.FailedOpen => (HttpValidationResult.NotValidated, []),
        // Skipped: enforcement was disabled between the policy read and the call; or (no schema name) the SDK threw.
        _ => (outcome.SchemaName.Length == 0 && policy.Current.OnUnavailable == UnavailableSchemaBehavior.Reject
            ? HttpValidationResult.Unavailable : HttpValidationResult.NotValidated, []),
    };

    private async ValueTask<bool> ConcludeAsync(HttpContext context, EndpointRule rule, EnforcementMode mode, bool canary, HttpValidationResult result,
        SchemaValidationOutcome outcome, IReadOnlyList<SchemaValidationError> errors, RequestBody body)
    {
        var headers = context.Response.Headers;
        ISchemaValidationFeature feature;
        if (result == HttpValidationResult.Valid)
        {
            var valid = rule.Valid(outcome, mode, canary);
            headers[ValidationHeaders.Result] = valid.Header;
            feature = valid.Feature;
        }
        else
        {
            headers[ValidationHeaders.Result] = ValidationHeaders.Describe(result, rule.SchemaName, outcome, mode, canary, errors.Count);
            feature = new SchemaValidationFeature(mode, canary, outcome);
        }

        if (outcome.IsDeprecated)
        {
            rule.DeprecationHeaders(outcome, policy.Current, deprecations).AddTo(headers);
        }

        Record(rule, mode, canary, result, errors.Count);
        context.Features.Set(feature);
        if (result == HttpValidationResult.SchemaNotFound && _missingLog.ShouldLog(rule))
        {
            logger.SchemaMissing(rule.Telemetry.Label, rule.SchemaName, EnforcementModeText.Name(mode));
        }

        if (mode == EnforcementMode.Strict && result != HttpValidationResult.Valid && result != HttpValidationResult.NotValidated)
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var first = errors.Count > 0 ? errors[0] : null;
                logger.RequestRejected(rule.Telemetry.Label, ProblemResponses.StatusOf(result), rule.SchemaName, HttpValidationResults.Label(result), errors.Count,
                    first?.Keyword, first?.InstanceLocation, canary);
            }

            body.Dispose();
            await ProblemResponses.WriteAsync(context, result, rule.SchemaName, outcome, errors, policy.Current.MaxErrors, rule.MaxBodySize).ConfigureAwait(false);
            return false;
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.RequestValidated(rule.Telemetry.Label, rule.SchemaName, EnforcementModeText.Name(mode), HttpValidationResults.Label(result), errors.Count, canary);
        }

        body.ReplaceRequestBody(context);
        return true;
    }

    /// <summary>Not JSON, or too large: refused in enforce; in warn the request goes on unvalidated, with a header saying so.</summary>
    private async ValueTask<bool> NotValidatedAsync(HttpContext context, EndpointRule rule, EnforcementMode mode, bool canary, HttpValidationResult result, RequestBody? body)
    {
        context.Response.Headers[ValidationHeaders.Result] = ValidationHeaders.Describe(result, rule.SchemaName, default, mode, canary, 0);
        Record(rule, mode, canary, result, 0);
        context.Features.Set<ISchemaValidationFeature>(new SchemaValidationFeature(mode, canary, default));
        if (mode == EnforcementMode.Strict)
        {
            body?.Dispose();
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.RequestRejected(rule.Telemetry.Label, ProblemResponses.StatusOf(result), rule.SchemaName, HttpValidationResults.Label(result), 0, null, null, canary);
            }

            await ProblemResponses.WriteAsync(context, result, rule.SchemaName, default, [], policy.Current.MaxErrors, rule.MaxBodySize).ConfigureAwait(false);
            return false;
        }

        if (logger.IsEnabled(LogLevel.Debug)) logger.RequestNotValidated(rule.Telemetry.Label, HttpValidationResults.Label(result));
        body?.ReplaceRequestBody(context);
        return true;
    }

    private void Record(EndpointRule rule, EnforcementMode mode, bool canary, HttpValidationResult result, int errorCount)
    {
        metrics.Validated(rule.Telemetry, mode, result, canary);
        if (result is HttpValidationResult.Invalid or HttpValidationResult.Malformed) metrics.Failed(rule.Telemetry, mode, errorCount);
        if (mode == EnforcementMode.Warn) metrics.WarnHeader(rule.Telemetry);
    }

    /// <summary>The body cannot be read (truncated, over the server's own limit, client gone): the handler is not
    /// called; the server's status is set for a client still listening, and the connection ends.</summary>
    private bool Unreadable(HttpContext context, EndpointRule rule, int statusCode, string reason)
    {
        logger.BodyUnreadable(rule.Telemetry.Label, reason);
        if (!context.Response.HasStarted && statusCode >= 400) context.Response.StatusCode = statusCode;
        return false;
    }

    private static async Task ContinueAsync(ValueTask<bool> validation, RequestDelegate next, HttpContext context)
    {
        if (await validation.ConfigureAwait(false)) await next(context).ConfigureAwait(false);
    }
}
