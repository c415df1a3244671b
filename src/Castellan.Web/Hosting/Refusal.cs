using Castellan.Core.Common;
using Microsoft.AspNetCore.Http;

namespace Castellan.Web.Hosting;

/// <summary>
/// The one mapping, for pages, of a change the use case refused to the status the page answers with and the message
/// it shows: an unknown id 404, an edit conflict 409, bad input 400 (the API's counterpart is <see cref="ApiErrors"/>).
/// Anything else is not a refusal but a fault, and is left to the error handler.
/// </summary>
internal sealed record Refusal(int Status, string Message)
{
    public bool IsNotFound => Status == StatusCodes.Status404NotFound;

    public static Refusal? Of(Exception e) => e switch
    {
        UsageException => new(StatusCodes.Status404NotFound, e.Message),
        EditConflictException => new(StatusCodes.Status409Conflict, e.Message),
        InputException => new(StatusCodes.Status400BadRequest, e.Message),
        _ => null,
    };
}
