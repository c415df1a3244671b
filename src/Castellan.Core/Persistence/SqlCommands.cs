using System.Data.Common;

namespace Castellan.Core.Persistence;

/// <summary>
/// Commands of plain SQL that run unchanged on SQLite and PostgreSQL (the bulk writes, and the reads that skip EF Core).
/// </summary>
public static class SqlCommands
{
    /// <summary>
    /// A command on <paramref name="connection"/>, in <paramref name="transaction"/> when given, with its parameters,
    /// each named <c>@name</c> in <paramref name="sql"/>.
    /// </summary>
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return command;
    }

    /// <summary>
    /// Adds the parameter written <c>@name</c> in the command's SQL (null is sent as SQL NULL). It is named with its
    /// prefix: Microsoft.Data.Sqlite looks a bare name up once as given and then once per prefix it knows (three more
    /// native calls and strings), on every execution, for every parameter of every statement of the command. Npgsql
    /// takes the prefixed name as the same parameter.
    /// </summary>
    public static DbParameter AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
