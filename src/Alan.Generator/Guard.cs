using System;
using Alan.Generator.Check;
using Alan.Generator.Model;

namespace Alan.Generator
{
    /// <summary>Keeps the generator from throwing whatever half-typed code the IDE feeds it.</summary>
    internal static class Guard
    {
        /// <summary>Runs <paramref name="body"/>; any exception but cancellation yields <paramref name="fallback"/> (no diagnostic).</summary>
        public static T Run<T>(Func<T> body, T fallback)
        {
            try { return body(); }
            catch (OperationCanceledException) { throw; }
            catch (Exception) { return fallback; }
        }

        /// <summary>
        /// Runs <paramref name="body"/>; any exception but cancellation is handed to <paramref name="fallback"/>
        /// (typically to build an ALAN999 with <see cref="Failure"/>). Never throws anything but cancellation:
        /// should the fallback itself fail, <paramref name="last"/> is returned.
        /// </summary>
        public static T Run<T>(Func<T> body, Func<Exception, T> fallback, T last)
        {
            try { return body(); }
            catch (OperationCanceledException) { throw; }
            catch (Exception e)
            {
                try { return fallback(e); }
                catch (OperationCanceledException) { throw; }
                catch (Exception) { return last; }
            }
        }

        /// <summary>An ALAN999 on <paramref name="what"/> naming the exception's type and the first line of its message.</summary>
        public static EquatableArray<DiagnosticInfo> Failure(string what, LocationInfo location, Exception exception) =>
            new[] { new DiagnosticInfo(Diagnostics.InternalError.Id, location ?? LocationInfo.None, new[] { what ?? "", Describe(exception) }.ToEquatableArray()) }
                .ToEquatableArray();

        /// <summary>"System.InvalidOperationException: first line of the message" (no stack trace: it would change with every build).</summary>
        public static string Describe(Exception? exception)
        {
            if (exception == null) return "unknown failure";
            var type = exception.GetType().FullName ?? exception.GetType().Name;
            string message;
            try { message = exception.Message ?? ""; }
            catch (Exception) { message = ""; }
            int end = message.IndexOfAny(new[] { '\r', '\n' });
            if (end >= 0) message = message.Substring(0, end);
            message = message.Trim();
            return message.Length == 0 ? type : type + ": " + message;
        }
    }
}
