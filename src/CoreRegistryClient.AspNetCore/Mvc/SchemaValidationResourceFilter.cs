using CoreRegistryClient.AspNetCore.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CoreRegistryClient.AspNetCore.Mvc;

/// <summary>The MVC side of <see cref="ValidateSchemaAttribute"/>: resource filters run before model binding.</summary>
internal sealed class SchemaValidationResourceFilter(RequestSchemaValidator validator) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        if (await validator.ValidateAsync(context.HttpContext).ConfigureAwait(false))
        {
            await next().ConfigureAwait(false);
            return;
        }

        // The problem response is written already.
        context.Result = new EmptyResult();
    }
}
