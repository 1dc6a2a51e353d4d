# bash completion for alchemyst-jobs                               -*- shell-script -*-
# Installed to share/bash-completion/completions/alchemyst-jobs. The commands and options are those of
# `alchemyst-jobs COMMAND --help`; tests/tst_cli_completion.cpp fails when they drift apart.

_alchemyst_jobs_environments()
{
    # The saved environments' names, from the tool itself; quietly nothing when it fails. (A name with a
    # blank completes word by word.)
    alchemyst-jobs env list --json 2>/dev/null | grep -o '"name":"[^"]*"' | cut -d'"' -f4
}

_alchemyst_jobs()
{
    # Self-contained: bash-completion's helpers (_init_completion, _filedir) are used when loaded.
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
    fi

    local global="--base-url --env --timeout --requests-per-minute --read-only --help --version"
    local network="--base-url --env --timeout --requests-per-minute --read-only"
    local commands="list status stuck failures cancel journal history forecast stats watch simulate env login logout help"

    # The command: the first word that is not an option or an option's value.
    local i command="" action=""
    for ((i = 1; i < cword; i++)); do
        case "${words[i]}" in
        --base-url | --env | --timeout | --requests-per-minute | --state | --since | --every | --interval | \
            --active-over | --waiting-over | --from-file | --source | --file-name | --port | --token | \
            --jobs | --account-limit | --next-cancel | --page-latency-ms)
            ((i++))
            ;;
        -*) ;;
        *)
            if [[ -z $command ]]; then
                command=${words[i]}
            elif [[ -z $action ]]; then
                action=${words[i]}
            fi
            ;;
        esac
    done

    case "$prev" in
    --env)
        COMPREPLY=($(compgen -W "$(_alchemyst_jobs_environments)" -- "$cur"))
        return
        ;;
    --state)
        COMPREPLY=($(compgen -W "waiting delayed active completed failed cancelled other" -- "$cur"))
        return
        ;;
    --from-file)
        if declare -F _filedir >/dev/null; then
            _filedir
        else
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return
        ;;
    --next-cancel)
        COMPREPLY=($(compgen -W "running gone" -- "$cur"))
        return
        ;;
    --base-url | --timeout | --requests-per-minute | --since | --every | --interval | --active-over | \
        --waiting-over | --source | --file-name | --port | --token | --jobs | --account-limit | --page-latency-ms)
        return
        ;;
    esac

    local options=""
    case "$command" in
    "")
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$global" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return
        ;;
    help)
        [[ -z $action ]] && COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
        ;;
    list) options="--state --json --jsonl --csv --raw-cells $network" ;;
    status) options="--json $network" ;;
    stuck) options="--active-over --waiting-over --json --jsonl --exit-code $network" ;;
    failures) options="--json --jsonl $network" ;;
    cancel) options="--from-file --state --source --file-name --waiting-over --dry-run --yes --no-journal --json $network" ;;
    journal) options="--since --env --json --jsonl" ;;
    history) options="--since --every --json --csv $network" ;;
    forecast) options="--json $network" ;;
    stats) options="--prometheus $network" ;;
    watch) options="--interval --jsonl --initial $network" ;;
    simulate) options="--port --token --jobs --still --account-limit --next-cancel --page-latency-ms" ;;
    login) options="$network" ;;
    logout) options="--base-url --env" ;;
    env)
        case "$action" in
        "")
            COMPREPLY=($(compgen -W "list add remove use" -- "$cur"))
            return
            ;;
        list) options="--json" ;;
        add) options="--base-url --production --read-only --replace" ;;
        remove | use)
            if [[ $cur == -* ]]; then
                [[ $action == remove ]] && options="--keep-key"
            else
                COMPREPLY=($(compgen -W "$(_alchemyst_jobs_environments)" -- "$cur"))
                return
            fi
            ;;
        esac
        ;;
    esac
    if [[ $cur == -* || -n $options ]]; then
        COMPREPLY=($(compgen -W "$options --help" -- "$cur"))
    fi
} &&
    complete -F _alchemyst_jobs alchemyst-jobs
